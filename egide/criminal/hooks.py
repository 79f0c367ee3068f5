"""What criminal proceedings plug into the extension points: its contact bans where a judicial
contact ban is asked for (TGD, measures in force), protection, the procureur's release checks
on the deadline board, the probation officer's home worklist."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egide.accounts.roles import Role
from egide.cases import protection
from egide.devices import contact_bans
from egide.devices.choices import ContactBanBasis
from egide.justice import board
from egide.justice.rules import start_of_day
from egide.web import worklists

from . import perms
from .choices import ObligationKind, StageKind
from .models import Obligation

BASIS_OF_STAGE = {
    StageKind.ALTERNATIVE_MEASURE: ContactBanBasis.ALTERNATIVE_MEASURE,
    StageKind.JUDICIAL_SUPERVISION: ContactBanBasis.JUDICIAL_SUPERVISION,
    StageKind.PROBATION: ContactBanBasis.CONVICTION,
}
SHOWN = 10


def case_contact_bans(case) -> list[contact_bans.ContactBan]:
    bans = (
        Obligation.objects.in_force()
        .filter(case=case, kind=ObligationKind.CONTACT_BAN)
        .select_related("stage")
    )
    return [
        contact_bans.ContactBan(
            BASIS_OF_STAGE[ban.stage.kind],
            _("%(stage)s : interdiction de contact (%(article)s)")
            % {"stage": ban.stage.get_kind_display(), "article": ban.article},
        )
        for ban in bans
    ]


def cases_with_contact_ban(cases):
    banned = Obligation.objects.in_force().filter(kind=ObligationKind.CONTACT_BAN)
    return cases.filter(pk__in=banned.values("case_id"))


def release_check_items(membership) -> list[board.Item]:
    """Before a release the procureur checks the bans, TGD and BAR in force (D. 1-11-2)."""
    releases = perms.visible_releases(membership).filter(checked_at__isnull=True)
    return [
        board.Item(
            "release_check",
            _("Sortie de détention : vérifier les interdictions et dispositifs"),
            release.case.reference,
            reverse("criminal:release_check", args=[release.pk]),
            start_of_day(release.on),
            board.PROSECUTOR,
        )
        for release in releases.select_related("case")
    ]


def followed_people(request) -> worklists.Worklist:
    """The SPIP's people, latest assigned first."""
    follow_ups = perms.visible_follow_ups(request.membership).select_related("case")[:SHOWN]
    items = [
        worklists.Item(
            str(follow_up.case.perpetrator or follow_up.case),
            reverse("criminal:follow_up", args=[follow_up.pk]),
            follow_up.case.reference,
        )
        for follow_up in follow_ups
    ]
    return worklists.Worklist(
        gettext_lazy("Personnes suivies"), items, reverse("criminal:followed")
    )


def register() -> None:
    contact_bans.sources.register(case_contact_bans)
    protection.measures.register(cases_with_contact_ban)
    board.sources.register(release_check_items)
    worklists.providers.register(followed_people, Role.PROBATION_OFFICER)
