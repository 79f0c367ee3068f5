"""Signing in and out, and what a user manages on their own account."""

from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import password_reset, second_factor, services
from .forms import (
    EnrolmentForm,
    LoginForm,
    MembershipSwitchForm,
    PasswordChangeForm,
    PasswordResetForm,
    SecondFactorForm,
)
from .middleware import SESSION_MEMBERSHIP

SESSION_RECOVERY_CODES = "egide_recovery_codes"


def safe_next(request) -> str:
    """Where to go once signed in: the page asked for, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else reverse("web:home")


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """First factor. The second is asked next, on the verify (or enrolment) page."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        return f"{reverse('accounts:verify')}?{urlencode({'next': safe_next(self.request)})}"

    def form_invalid(self, form):
        if form.attempted_authentication():
            services.record_password_failure(self.request, form.data.get("username", ""))
        return super().form_invalid(form)


@never_cache
def verify(request):
    if second_factor.confirmed_totp_device(request.user) is None:
        return redirect("accounts:enrol")
    if request.user.is_verified():
        return redirect(safe_next(request))
    form = SecondFactorForm(request.user, data=request.POST or None)
    if form.is_bound:
        if form.is_valid():
            services.complete_sign_in(request, form.device)
            return redirect(safe_next(request))
        wrong_code = form.has_error("code", "invalid_code")
        if wrong_code and services.record_second_factor_failure(request):
            logout(request)
            return get_lockout_response(request)
    return render(request, "accounts/verify.html", {"form": form, "next": safe_next(request)})


@never_cache
def enrol(request):
    """First sign-in, or after the administrator reset the second factor."""
    if second_factor.confirmed_totp_device(request.user) is not None:
        return redirect("accounts:verify")
    device = second_factor.pending_totp_device(request.user)
    form = EnrolmentForm(device, data=request.POST or None)
    if form.is_valid():
        services.complete_enrolment(request, device)
        request.session[SESSION_RECOVERY_CODES] = second_factor.issue_recovery_codes(request.user)
        return redirect("accounts:recovery_codes")
    context = {
        "form": form,
        "qr_code": second_factor.provisioning_qr_data_uri(device),
        "secret": second_factor.readable_secret(device),
    }
    return render(request, "accounts/enrol.html", context)


@never_cache
def recovery_codes(request):
    """Shows the recovery codes just issued, once: reloading the page does not show them again."""
    codes = request.session.pop(SESSION_RECOVERY_CODES, None)
    if not codes:
        return redirect("web:home")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@require_POST
def logout_view(request):
    services.sign_out(request)
    return redirect("accounts:login")


def logout_everywhere(request):
    if request.method == "POST":
        services.sign_out_everywhere(request)
        messages.success(request, _("Toutes vos sessions ont été fermées."))
        return redirect("accounts:login")
    return render(request, "accounts/logout_everywhere.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Other sessions end with the old password (Django's session hash); this one stays open."""

    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.record_password_change(self.request)
        messages.success(self.request, _("Votre mot de passe a été modifié."))
        return response


@login_not_required
@never_cache
def password_reset_view(request, token):
    """Sets a new password through an administrator's one-time link; does not sign in.

    An unknown, used or expired link gets the same answer, and changes nothing.
    """
    link = password_reset.find(token)
    if link is None:
        return render(request, "accounts/password_reset_invalid.html", status=404)
    form = PasswordResetForm(link.user, data=request.POST or None)
    if form.is_valid():
        if not password_reset.redeem(request, link, form):
            return render(request, "accounts/password_reset_invalid.html", status=404)
        messages.success(
            request,
            _(
                "Votre mot de passe est enregistré. Connectez-vous avec ce nouveau mot de passe "
                "puis le code de votre application d'authentification."
            ),
        )
        return redirect("accounts:login")
    return render(request, "accounts/password_reset.html", {"form": form, "account": link.user})


def switch_membership(request):
    form = MembershipSwitchForm(
        request.user, data=request.POST or None, initial={"membership": request.membership}
    )
    if form.is_valid():
        request.session[SESSION_MEMBERSHIP] = form.cleaned_data["membership"].pk
        return redirect("web:home")
    return render(request, "accounts/switch_membership.html", {"form": form})
