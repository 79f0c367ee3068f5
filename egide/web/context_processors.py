from django.conf import settings

from .navigation import menu_for


def platform(request):
    """What every page's layout needs: the demo flag, the menu, whether a switch is possible."""
    membership = getattr(request, "membership", None)
    can_switch = (
        membership is not None
        and membership.user.memberships.filter(is_active=True, agency__is_active=True).count() > 1
    )
    return {
        "EGIDE_DEMO": settings.DEMO,
        "main_menu": menu_for(request),
        "can_switch_membership": can_switch,
    }
