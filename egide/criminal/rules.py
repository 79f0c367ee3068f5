"""The legal rules of criminal proceedings: which article founds each obligation, and when the
victim is told of a release. Named, dated data with their source (docs/legal-rules.md)."""

from datetime import date

from egide.justice.rules import Dated, in_force

from .choices import ObligationKind, ReleaseKind, StageKind

# The article that lets each decision order each obligation, as in force since the date given.
# CPP 41-1 (alternatives to prosecution, loi 2019-1480 and 2020-936 for the couple measures),
# CPP 138 (contrôle judiciaire; D. 32-29 details 9° and 17° for the couple), C. pén. 132-45
# (sursis probatoire, as renamed by loi 2019-222 on 24 March 2020). To verify on Légifrance:
# 132-45 14°, 19° and 20°, 138 6° and 14° (docs/legal-rules.md).
OBLIGATION_ARTICLES = {
    StageKind.ALTERNATIVE_MEASURE: {
        ObligationKind.CONTACT_BAN: (Dated(date(2020, 8, 1), "CPP art. 41-1 7°", "loi 2020-936"),),
        ObligationKind.PLACE_BAN: (Dated(date(2020, 8, 1), "CPP art. 41-1 7°", "loi 2020-936"),),
        ObligationKind.EVICTION: (Dated(date(2020, 8, 1), "CPP art. 41-1 6°", "loi 2020-936"),),
        ObligationKind.CARE: (Dated(date(2020, 8, 1), "CPP art. 41-1 6°", "loi 2020-936"),),
        ObligationKind.CPCA_COURSE: (Dated(date(2020, 8, 1), "CPP art. 41-1 2°", "loi 2020-936"),),
    },
    StageKind.JUDICIAL_SUPERVISION: {
        ObligationKind.CONTACT_BAN: (
            Dated(date(2010, 7, 11), "CPP art. 138 9° (D. 32-29 1°)", "loi 2010-769"),
        ),
        ObligationKind.PLACE_BAN: (Dated(date(2010, 7, 11), "CPP art. 138 3°", "loi 2010-769"),),
        ObligationKind.EVICTION: (
            Dated(date(2010, 7, 11), "CPP art. 138 17° (D. 32-29 2° à 4°)", "loi 2010-769"),
        ),
        ObligationKind.CARE: (Dated(date(2010, 7, 11), "CPP art. 138 10°", "loi 2010-769"),),
        ObligationKind.CPCA_COURSE: (Dated(date(2010, 7, 11), "CPP art. 138 6°", "loi 2010-769"),),
        ObligationKind.WEAPONS_BAN: (Dated(date(2010, 7, 11), "CPP art. 138 14°", "loi 2010-769"),),
    },
    StageKind.PROBATION: {
        ObligationKind.CONTACT_BAN: (
            Dated(date(2020, 3, 24), "C. pén. art. 132-45 13°", "loi 2019-222"),
        ),
        ObligationKind.PLACE_BAN: (
            Dated(date(2020, 3, 24), "C. pén. art. 132-45 9°", "loi 2019-222"),
        ),
        ObligationKind.EVICTION: (
            Dated(date(2020, 3, 24), "C. pén. art. 132-45 19°", "loi 2019-222"),
        ),
        ObligationKind.CARE: (Dated(date(2020, 3, 24), "C. pén. art. 132-45 3°", "loi 2019-222"),),
        ObligationKind.CPCA_COURSE: (
            Dated(date(2020, 3, 24), "C. pén. art. 132-45 20°", "loi 2019-222"),
        ),
        ObligationKind.WEAPONS_BAN: (
            Dated(date(2020, 3, 24), "C. pén. art. 132-45 14°", "loi 2019-222"),
        ),
    },
}

# CPP D. 1-11-2 (décret 2021-1820, in force on 1 February 2022) with 712-16-2: before any release
# or end, even temporary, of the imprisonment of a person prosecuted or convicted for violence in
# the couple (C. pén. 132-80), the victim is told, and the judicial authority considers a contact
# or place ban and a TGD or BAR. An escorted exit is not concerned (not recorded here).
RELEASE_NOTICE = (
    Dated(
        date(2022, 2, 1),
        frozenset(ReleaseKind.values),
        "CPP art. D. 1-11-2 et 712-16-2 (décret 2021-1820)",
    ),
)


def obligation_article(stage_kind: str, kind: str, on: date) -> str | None:
    """The article founding `kind` in a decision of `stage_kind` on `on`; None when that decision
    cannot order it (a weapons ban is no alternative to prosecution)."""
    versions = OBLIGATION_ARTICLES.get(stage_kind, {}).get(kind)
    if versions is None:
        return None
    return in_force(versions, on).value


def victim_told_of(release_kind: str, on: date) -> bool:
    """Whether the law provides for telling the victim of this release, on this date."""
    first = RELEASE_NOTICE[0]
    if on < first.since:
        return False
    return release_kind in in_force(RELEASE_NOTICE, on).value
