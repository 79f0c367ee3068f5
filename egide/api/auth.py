"""Who may call the API: a person's verified web session, or a service account's bearer token.

Either way the call acts through one membership (`request.membership`, and `request.actor` that
services take), so the same querysets, masking and audit apply. Anything else is a JSON 401
(egide.api.errors).
"""

from ninja.security import HttpBearer, SessionAuth

from egide.accounts.actor import Actor

from .service_accounts import account_for


class VerifiedSession(SessionAuth):
    """The web session, only once the second factor is done (as for every page)."""

    def _get_key(self, request):
        # No session cookie, no ambient credential to forge: a machine client's POST goes on to
        # its token instead of failing the session's CSRF check.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not user.is_verified() or request.membership is None:
            return None
        return user


class ServiceToken(HttpBearer):
    """`Authorization: Bearer egide_…`: the service account acts as its own membership."""

    def authenticate(self, request, token):
        account = account_for(token)
        if account is None:
            return None
        request.user, request.membership = account.membership.user, account.membership
        request.actor = Actor.for_request(request)
        return account


API_AUTH = [VerifiedSession(), ServiceToken()]
