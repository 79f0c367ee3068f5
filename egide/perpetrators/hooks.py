"""What the perpetrator index plugs into the extension points: the owner's worklist, "your
file's perpetrator was looked up elsewhere"."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.accounts.roles import Role
from egide.web import worklists

from .models import IndexLookup

# The agencies that own case files (their opening agency) are told of look-ups by others.
OWNER_ROLES = (Role.POLICE_OFFICER, Role.SOCIAL_REFERENT, Role.HEALTH_PROFESSIONAL)
RECENT = timedelta(days=30)
SIZE = 10


def lookups_of_my_cases(request) -> worklists.Worklist:
    membership = request.membership
    lookups = (
        IndexLookup.objects.filter(
            matched_case__opening_agency_id=membership.agency_id,
            at__gte=timezone.now() - RECENT,
        )
        .exclude(agency_id=membership.agency_id)
        .select_related("matched_case", "agency")[:SIZE]
    )
    items = [
        worklists.Item(
            _("Dossier %(reference)s : auteur recherché par %(agency)s (%(departement)s)")
            % {
                "reference": lookup.matched_case.reference,
                "agency": lookup.agency.name,
                "departement": lookup.agency.departement,
            },
            reverse("cases:detail", args=[lookup.matched_case_id]),
            date_format(timezone.localtime(lookup.at), "SHORT_DATETIME_FORMAT"),
        )
        for lookup in lookups
    ]
    return worklists.Worklist(gettext_lazy("Auteurs de vos dossiers connus ailleurs"), items)


def register() -> None:
    worklists.providers.register(lookups_of_my_cases, *OWNER_ROLES)
