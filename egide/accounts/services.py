"""Account operations: completing a sign-in, ending sessions, and the administrator's actions.

Every operation that changes an account is recorded in the audit log with field names only.
Sign-in and sign-out take the request (they change its session); the administrator's operations
take an `Actor`, like every other service.
"""

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes_attempts
from django.contrib.auth import logout, user_login_failed
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from egide.audit.choices import Action
from egide.audit.services import record

from . import grants, second_factor
from .actor import Actor
from .attempts import username_key
from .grants import record_admin_change
from .models import User


def targeted_account(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


def record_password_failure(request, username: str) -> None:
    """The auditor sees which account was tried (by id), never the name typed in."""
    record(
        Actor.for_request(request),
        Action.LOGIN_FAILED,
        targeted_account(username),
        reason="password",
    )


def complete_sign_in(request, device) -> None:
    """Marks the session as verified by `device`: the user is now fully signed in."""
    django_otp.login(request, device)
    request.session.cycle_key()
    record(Actor.for_request(request), Action.LOGIN, request.user)


def complete_enrolment(request, device) -> None:
    complete_sign_in(request, device)
    record(Actor.for_request(request), Action.OTP_ENROLLED, request.user)


def record_second_factor_failure(request) -> bool:
    """Counts a wrong code against the account like a wrong password; True once locked out."""
    user = request.user
    record(Actor.for_request(request), Action.LOGIN_FAILED, user, reason="second_factor")
    credentials = {"username": user.get_username()}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return AxesProxyHandler.is_locked(request, credentials)


def end_sessions_of(user) -> None:
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)


def sign_out(request) -> None:
    record(Actor.for_request(request), Action.LOGOUT, request.user)
    logout(request)


def sign_out_everywhere(request) -> None:
    """Ends every session of the user: the session guard refuses sessions of an older epoch."""
    end_sessions_of(request.user)
    record(Actor.for_request(request), Action.LOGOUT_EVERYWHERE, request.user)
    logout(request)


def record_password_change(request) -> None:
    record(Actor.for_request(request), Action.UPDATE, request.user, fields=["password"])


@transaction.atomic
def create_user(actor: Actor, form) -> User:
    """Creates the account and gives its first role (at once, or awaiting a second approval)."""
    user = form.save()
    record_admin_change(actor, user, "user.create", form.changed_data)
    grants.give_role(actor, user, form.cleaned_data["agency"], form.cleaned_data["role"])
    return user


@transaction.atomic
def deactivate_user(actor: Actor, user) -> None:
    """A deactivated account cannot sign in, and its open sessions end."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions_of(user)
    record_admin_change(actor, user, "user.deactivate", ["is_active"])


@transaction.atomic
def remove_membership(actor: Actor, membership) -> None:
    """Deactivated rather than deleted: past actions stay attributable to it."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    record_admin_change(actor, membership, "membership.remove", ["is_active"])


@transaction.atomic
def reset_second_factor(actor: Actor, user) -> None:
    """The user enrols a new authenticator at next sign-in; sessions opened with the old end."""
    second_factor.remove_devices(user)
    end_sessions_of(user)
    record_admin_change(actor, user, "user.reset_second_factor", ["otp_device"])


def is_locked_out(user) -> bool:
    """Whether sign-in is refused to `user` after repeated failures (until the cool-off ends)."""
    credentials = {"username": user.get_username()}
    attempts = AccessAttempt.objects.filter(
        username=username_key(user.get_username()),
        failures_since_start__gte=get_failure_limit(None, credentials),
    )
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.exists()


@transaction.atomic
def unlock(actor: Actor, user) -> None:
    """Lifts the lockout after repeated failures, for the password and the second factor."""
    reset_axes_attempts(username=username_key(user.get_username()))
    second_factor.lift_throttling(user)
    record_admin_change(actor, user, "user.unlock", ["lockout"])
