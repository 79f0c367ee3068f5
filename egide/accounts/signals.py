import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import SESSION_EPOCH, SESSION_STARTED


@receiver(user_logged_in)
def stamp_session_epoch(sender, request, user, **kwargs):
    """A new session belongs to the current epoch at once, so "log out everywhere" ends it even
    if it made no request since sign-in; its maximum age counts from this sign-in."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_EPOCH] = user.session_epoch
        request.session[SESSION_STARTED] = int(time.time())
