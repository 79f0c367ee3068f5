"""How long each kind of record is kept, and under which text: dated, with sources.

A `Keep` counts from the kind's starting event (the end of a bracelet placement, the recording of
a position, a call...): `active` in the live tables, then `archive` readable only by the named
roles with a reason (`archive.py`), then the purge deletes it. `purge=False` marks a kind the job
reports on but never deletes (the reason is in `docs/operations.md`). The version applied is the
one in force on the day the purge runs: a retention limit binds what is held now.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from egide.justice.rules import Dated, add_months, in_force


@dataclass(frozen=True)
class Keep:
    """A retention: `active_months` + `active_days` live, then `archive_months` archived."""

    active_months: int = 0
    active_days: int = 0
    archive_months: int = 0
    purge: bool = True

    def archived_from(self, start: date) -> date:
        """The first day the record is archived (or purged when there is no archive)."""
        return add_months(start, self.active_months) + timedelta(days=self.active_days)

    def purged_from(self, start: date) -> date:
        """The first day the record is no longer kept."""
        return add_months(self.archived_from(start), self.archive_months)

    def latest_start_purged(self, today: date) -> date:
        """The latest starting day whose records are due for deletion on `today`."""
        return _latest_start(today, self.purged_from)

    def latest_start_archived(self, today: date) -> date:
        return _latest_start(today, self.archived_from)


def _latest_start(today: date, end_of) -> date:
    # Months have unequal lengths: step back from today until the period ends on or before it.
    day = today
    while end_of(day) > today:
        day -= timedelta(days=1)
    return day


# C. pénit. R. 631-11 3° (décret 2022-479, in force 1 May 2022; before, CPP R. 61-48 created by
# décret 2020-1161, same durations, to verify): the BAR processing keeps its data for the whole
# placement, then one month in the active base and five years and eleven months in an
# intermediate archive. Positions and events of both devices of a pairing.
BAR_DATA = (
    Dated(
        date(2020, 9, 25),
        Keep(active_months=1, archive_months=71),
        "CPP art. R. 61-48 (décret 2020-1161)",
    ),
    Dated(
        date(2022, 5, 1),
        Keep(active_months=1, archive_months=71),
        "C. pénit. art. R. 631-11 3° (décret 2022-479)",
    ),
)

# C. pénit. R. 631-11 2°: recordings of the monitoring centre's telephone calls, one month active
# then two months archived after the placement. Égide stores no recording (the centre's telephony
# does): the rule is declared so the register says so and the telephony applies it.
CALL_RECORDINGS = (
    Dated(
        date(2022, 5, 1),
        Keep(active_months=1, archive_months=2),
        "C. pénit. art. R. 631-11 2° (décret 2022-479)",
    ),
)

# Arrêté du 22 avril 2015 (TGD processing, CPP 41-3-1), art. 5 al. 2: geolocation data are kept
# three days from their recording (eight on the procureur's authorisation, without prejudice to
# what a criminal proceeding keeps as evidence).
TGD_POSITIONS = (
    Dated(date(2015, 5, 1), Keep(active_days=3), "Arrêté du 22 avril 2015, art. 5 al. 2"),
)
TGD_POSITIONS_AUTHORISED = (
    Dated(
        date(2015, 5, 1),
        Keep(active_days=8),
        "Arrêté du 22 avril 2015, art. 5 al. 2 (autorisation du procureur)",
    ),
)

# Arrêté du 22 avril 2015, art. 5 al. 4: what the téléassistance provider (here the monitoring
# centre) holds is erased at the latest three days after the phone is given back. Égide counts
# from the end of the grant (withdrawal or term), which is when the phone is to be returned.
TGD_EVENTS = (
    Dated(date(2015, 5, 1), Keep(active_days=3), "Arrêté du 22 avril 2015, art. 5 al. 4"),
)

# Platform rule (RGPD art. 5.1 e; no text fixes it): anonymous helpline call records serve the
# yearly activity statistics; two years from the call cover the year elapsed and its report.
HELPLINE_CALLS = (
    Dated(date(2025, 1, 1), Keep(active_months=24), "Règle de la plateforme (RGPD art. 5.1 e)"),
)

# Platform rule (RGPD art. 5.1 e): a "Ne frappez pas" caller's first name and number exist only
# so the CPCA calls him back; three months after his consent they are no longer needed.
CPCA_HANDOVERS = (
    Dated(date(2025, 1, 1), Keep(active_months=3), "Règle de la plateforme (RGPD art. 5.1 e)"),
)

# Platform rule, reported only: a closed case is reviewed six years after closing, the
# limitation period of the public action for délits (CPP art. 8, loi 2017-242). Its orders and
# decisions belong to the courts' own retention, so the controller decides the deletion.
CLOSED_CASES = (
    Dated(
        date(2017, 3, 1),
        Keep(active_months=72, purge=False),
        "CPP art. 8 (loi 2017-242) — règle de la plateforme",
    ),
)

# Platform rule, reported only: the audit log attests who read the data above, so it is kept as
# long as the longest of them (six years after a placement, R. 631-11). It is hash-chained and
# append-only: `docs/operations.md` says why entries are not deleted one by one.
AUDIT_LOG = (
    Dated(
        date(2022, 5, 1),
        Keep(active_months=72, purge=False),
        "Règle de la plateforme (durée de C. pénit. art. R. 631-11)",
    ),
)


def keep(rule: tuple[Dated, ...], today: date) -> tuple[Keep, str]:
    """The retention in force on `today` and its source."""
    version = in_force(rule, today)
    return version.value, version.source
