"""`egide aid estimate --resources EUROS --children N --on DATE`: the AUU an applicant would get.

Prints one JSON object on stdout (amount, form, and the dated parameters used), for agents and
for scripts; bad input exits non-zero with a message on stderr.
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from egide.support import aid
from egide.support.rules import ParameterNotInForce


def parse_euros(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except InvalidOperation as exc:
        raise CommandError(
            f"--resources: {text!r} is not an amount in euros (e.g. 812.40)"
        ) from exc
    if not value.is_finite() or value < 0:
        raise CommandError(f"--resources: {text!r} must be a positive amount in euros")
    return value


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--on: {text!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Emergency aid (aide universelle d'urgence): `estimate` prints the amount as JSON."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        estimate = actions.add_parser("estimate", help="amount and form of the AUU")
        estimate.add_argument("--resources", required=True, help="net resources, previous month")
        estimate.add_argument("--children", type=int, default=0, help="children under 21")
        estimate.add_argument("--on", help="date of the request, YYYY-MM-DD (default: today)")

    def handle(self, *args, action, resources, children, on=None, **options):
        if children < 0:
            raise CommandError("--children must be 0 or more")
        day = parse_day(on) if on else timezone.localdate()
        try:
            result = aid.estimate(parse_euros(resources), children, day)
        except ParameterNotInForce as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(
                f"the dated parameters cannot be read from the database ({exc}); "
                "a new database needs `egide migrate` first"
            ) from exc
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
