"""The platform administrator's service accounts: issue (the token is in the answer, once),
list, revoke. Nobody else may; every change is audited (service_accounts.py)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from egide.accounts.models import Agency
from egide.accounts.perms import can_administer_platform
from egide.accounts.roles import Role

from . import service_accounts
from .models import ServiceAccount

router = Router(tags=["service accounts"])


class ServiceAccountIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    agency_id: int
    role: Role
    valid_days: int = Field(ge=1, le=service_accounts.MAX_VALIDITY.days)


class ServiceAccountOut(Schema):
    id: int
    name: str
    agency_id: int = Field(alias="membership.agency_id")
    role: str = Field(alias="membership.role")
    token_prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class IssuedServiceAccountOut(ServiceAccountOut):
    token: str


def administrator_only(request) -> None:
    if not can_administer_platform(request.membership):
        raise PermissionDenied


@router.get("/", response=list[ServiceAccountOut])
def list_service_accounts(request):
    administrator_only(request)
    return list(ServiceAccount.objects.select_related("membership")[:500])


@router.post("/", response={201: IssuedServiceAccountOut})
def issue_service_account(request, payload: ServiceAccountIn):
    administrator_only(request)
    agency = get_object_or_404(Agency, pk=payload.agency_id, is_active=True)
    account, token = service_accounts.issue(
        request.actor,
        name=payload.name,
        agency=agency,
        role=payload.role,
        valid_days=payload.valid_days,
    )
    account.token = token
    return Status(201, account)


@router.post("/{int:account_id}/revocation", response=ServiceAccountOut)
def revoke_service_account(request, account_id: int):
    administrator_only(request)
    account = get_object_or_404(ServiceAccount.objects.select_related("membership"), pk=account_id)
    service_accounts.revoke(request.actor, account)
    return account
