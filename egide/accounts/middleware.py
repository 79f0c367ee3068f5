"""Request guards: idle expiry, logout everywhere, mandatory second factor, acting membership."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import resolve

from .actor import Actor

SESSION_LAST_SEEN = "egide_last_seen"
SESSION_EPOCH = "egide_session_epoch"
SESSION_STARTED = "egide_signed_in_at"
SESSION_MEMBERSHIP = "egide_membership_id"

# Views a signed-in user may reach before completing the second factor.
SECOND_FACTOR_EXEMPT_VIEWS = {
    "accounts:verify",
    "accounts:enrol",
    "accounts:logout",
    "accounts:login",
    "web:set_language",
}


class SessionGuardMiddleware:
    """Ends a session after idle time, past its maximum age (however active the user is), or
    when the user logged out everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            started = request.session.get(SESSION_STARTED, now)
            epoch = request.session.get(SESSION_EPOCH, request.user.session_epoch)
            if (
                now - last_seen > settings.SESSION_IDLE_TIMEOUT_S
                or now - started > settings.SESSION_COOKIE_AGE
                or epoch != request.user.session_epoch
            ):
                logout(request)
                return redirect(settings.LOGIN_URL)
            request.session[SESSION_LAST_SEEN] = now
            request.session[SESSION_STARTED] = started
            request.session[SESSION_EPOCH] = epoch
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Every staff account proves a second factor (TOTP or recovery code) before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.user.is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if resolve(request.path_info).view_name in SECOND_FACTOR_EXEMPT_VIEWS:
            return None
        return redirect("accounts:verify")


class MembershipMiddleware:
    """Sets `request.membership`, the role and agency the user is acting as, and `request.actor`,
    what services and the audit log take (user, membership, client address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        if request.user.is_authenticated:
            memberships = request.user.memberships.filter(is_active=True, agency__is_active=True)
            chosen = request.session.get(SESSION_MEMBERSHIP)
            membership = memberships.filter(pk=chosen).first() if chosen else None
            request.membership = membership or memberships.select_related("agency").first()
        request.actor = Actor.for_request(request)
        return self.get_response(request)
