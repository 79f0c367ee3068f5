from django.conf import settings


def platform(request):
    return {"EGIDE_DEMO": settings.DEMO}
