"""The project's URLs plus a view that fails, to look at what a failure reveals."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from egide.urls import urlpatterns as project_urlpatterns


@login_not_required
def failing_view(request, name):
    phone = request.POST.get("phone", "")
    raise ValueError(f"no case for {name} ({phone})")


urlpatterns = [
    *project_urlpatterns,
    path("panne/<str:name>/", failing_view, name="failing"),
]
