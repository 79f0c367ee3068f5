"""JSON API of support: a CAF / MSA agent's aid requests, and the AUU estimate."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.errors import HttpError

from . import aid, perms
from .rules import ParameterNotInForce

router = Router(tags=["support"])


class AidRequestOut(Schema):
    id: int
    status: str
    received_on: date
    payment_due: date
    form: str
    amount: Decimal | None


@router.get("/aid-requests", response=list[AidRequestOut])
def aid_requests(request):
    return list(perms.aid_requests_for(request.membership))


@router.get("/aid-estimate")
def aid_estimate(request, resources: Decimal, on: date, children: int = 0):
    try:
        return aid.estimate(resources, children, on).as_dict()
    except (ValueError, ParameterNotInForce) as exc:
        raise HttpError(400, str(exc)) from exc
