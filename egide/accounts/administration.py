"""The platform administrator's pages: agencies, users and their memberships.

The administrator manages accounts and reference data only; nothing here reaches case content.
Every change is recorded in the audit log (field names, never values).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import grants, password_reset, perms, second_factor, services
from .forms import AgencyForm, MembershipAddForm, UserCreateForm
from .models import Agency, Membership, RoleGrant, User
from .perms import require_platform_admin

PAGE_SIZE = 50
GRANT_PENDING_MESSAGE = gettext_lazy(
    "Ce rôle donne accès aux dossiers : il sera actif lorsqu'un second administrateur "
    "aura approuvé la demande."
)


def platform_admin_only(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        require_platform_admin(request)
        return view(request, *args, **kwargs)

    return guarded


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@platform_admin_only
def agencies(request):
    rows = Agency.objects.select_related("court")
    return render(request, "accounts/admin/agency_list.html", {"page_obj": paginate(request, rows)})


@platform_admin_only
def agency_create(request):
    return agency_form(request, Agency(), "agency.create")


@platform_admin_only
def agency_edit(request, pk):
    return agency_form(request, get_object_or_404(Agency, pk=pk), "agency.update")


def agency_form(request, agency, operation):
    form = AgencyForm(data=request.POST or None, instance=agency)
    if form.is_valid():
        agency = form.save()
        services.record_admin_change(request.actor, agency, operation, form.changed_data)
        messages.success(request, _("La structure est enregistrée."))
        return redirect("accounts:agencies")
    return render(request, "accounts/admin/agency_form.html", {"form": form, "agency": agency})


@platform_admin_only
def users(request):
    query = request.GET.get("q", "").strip()
    active = Membership.objects.filter(is_active=True).select_related("agency")
    rows = User.objects.order_by("last_name", "first_name", "username").prefetch_related(
        Prefetch("memberships", queryset=active, to_attr="active_memberships")
    )
    if query:
        rows = rows.filter(
            Q(username__icontains=query)
            | Q(last_name__icontains=query)
            | Q(first_name__icontains=query)
        )
    context = {"page_obj": paginate(request, rows), "query": query}
    return render(request, "accounts/admin/user_list.html", context)


@platform_admin_only
def user_create(request):
    form = UserCreateForm(data=request.POST or None)
    if form.is_valid():
        user = services.create_user(request.actor, form)
        messages.success(
            request, _("Le compte est créé. Transmettez le mot de passe en main propre.")
        )
        if user.role_grants.filter(approved=None).exists():
            messages.info(request, GRANT_PENDING_MESSAGE)
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/admin/user_form.html", {"form": form})


@platform_admin_only
def user_detail(request, pk):
    account = get_object_or_404(User, pk=pk)
    return render_user_detail(request, account, MembershipAddForm(account))


def render_user_detail(request, account, membership_form):
    context = {
        "account": account,
        "memberships": account.memberships.select_related("agency").order_by("-is_active"),
        "membership_form": membership_form,
        "pending_grants": account.role_grants.filter(approved=None).select_related("agency"),
        "has_second_factor": second_factor.confirmed_totp_device(account) is not None,
        "locked_out": services.is_locked_out(account),
    }
    return render(request, "accounts/admin/user_detail.html", context)


@platform_admin_only
@require_POST
def user_deactivate(request, pk):
    account = get_object_or_404(User, pk=pk, is_active=True)
    services.deactivate_user(request.actor, account)
    messages.success(request, _("Le compte est désactivé et ses sessions sont fermées."))
    return redirect("accounts:user_detail", pk=pk)


@platform_admin_only
@require_POST
def user_reset_second_factor(request, pk):
    account = get_object_or_404(User, pk=pk)
    services.reset_second_factor(request.actor, account)
    messages.success(
        request, _("Le second facteur est réinitialisé : un nouvel enrôlement sera demandé.")
    )
    return redirect("accounts:user_detail", pk=pk)


@platform_admin_only
@require_POST
@never_cache
def user_reset_password(request, pk):
    """Shows, once, a new one-time link with which the user sets their own password."""
    account = get_object_or_404(User, pk=pk, is_active=True)
    token = password_reset.issue(request.actor, account)
    link = request.build_absolute_uri(reverse("accounts:password_reset", args=[token]))
    context = {"account": account, "link": link, "ttl": settings.PASSWORD_RESET_TTL_MINUTES}
    return render(request, "accounts/admin/password_reset_link.html", context)


@platform_admin_only
@require_POST
def user_unlock(request, pk):
    account = get_object_or_404(User, pk=pk)
    services.unlock(request.actor, account)
    messages.success(request, _("Le compte est débloqué."))
    return redirect("accounts:user_detail", pk=pk)


@platform_admin_only
@require_POST
def membership_add(request, pk):
    account = get_object_or_404(User, pk=pk)
    form = MembershipAddForm(account, data=request.POST)
    if not form.is_valid():
        return render_user_detail(request, account, form)
    agency, role = form.cleaned_data["agency"], form.cleaned_data["role"]
    if isinstance(grants.give_role(request.actor, account, agency, role), RoleGrant):
        messages.info(request, GRANT_PENDING_MESSAGE)
    else:
        messages.success(request, _("L'affectation est ajoutée."))
    return redirect("accounts:user_detail", pk=pk)


@platform_admin_only
@require_POST
def membership_remove(request, pk):
    membership = get_object_or_404(Membership, pk=pk, is_active=True)
    services.remove_membership(request.actor, membership)
    messages.success(request, _("L'affectation est retirée."))
    return redirect("accounts:user_detail", pk=membership.user_id)


@platform_admin_only
def role_grants(request, status=200):
    """The roles awaiting a second administrator's approval."""
    rows = [
        (grant, perms.can_decide_grant(request.membership, grant))
        for grant in grants.pending_grants()
    ]
    return render(request, "accounts/admin/grant_list.html", {"rows": rows}, status=status)


@platform_admin_only
@require_POST
def role_grant_decide(request, pk):
    grant = get_object_or_404(RoleGrant, pk=pk, approved=None)
    approve = request.POST.get("decision") == "approve"
    try:
        grants.decide(request.actor, grant, approve)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return role_grants(request, status=400)
    if approve:
        messages.success(request, _("Le rôle est attribué."))
    else:
        messages.success(request, _("La demande est refusée."))
    return redirect("accounts:role_grants")
