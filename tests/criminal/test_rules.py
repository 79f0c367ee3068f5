"""Each obligation's article, by the decision that orders it, and when the victim is told of a
release: dated rules at their boundaries."""

from datetime import date

import pytest

from egide.criminal import rules
from egide.criminal.choices import ObligationKind, ReleaseKind, StageKind
from egide.justice.rules import RuleNotInForce


@pytest.mark.parametrize(
    ("stage", "kind", "article"),
    [
        (StageKind.JUDICIAL_SUPERVISION, ObligationKind.CONTACT_BAN, "CPP art. 138 9°"),
        (StageKind.JUDICIAL_SUPERVISION, ObligationKind.PLACE_BAN, "CPP art. 138 3°"),
        (StageKind.JUDICIAL_SUPERVISION, ObligationKind.EVICTION, "CPP art. 138 17°"),
        (StageKind.PROBATION, ObligationKind.CONTACT_BAN, "C. pén. art. 132-45 13°"),
        (StageKind.PROBATION, ObligationKind.CPCA_COURSE, "C. pén. art. 132-45 20°"),
        (StageKind.ALTERNATIVE_MEASURE, ObligationKind.CPCA_COURSE, "CPP art. 41-1 2°"),
        (StageKind.ALTERNATIVE_MEASURE, ObligationKind.EVICTION, "CPP art. 41-1 6°"),
    ],
)
def test_each_obligation_carries_the_article_of_its_decision(stage, kind, article):
    assert rules.obligation_article(stage, kind, date(2026, 1, 1)).startswith(article)


def test_an_alternative_to_prosecution_cannot_ban_weapons_nor_a_custody_order_anything():
    on = date(2026, 1, 1)
    assert rules.obligation_article(StageKind.ALTERNATIVE_MEASURE, "weapons_ban", on) is None
    assert rules.obligation_article(StageKind.CUSTODY, ObligationKind.CONTACT_BAN, on) is None


def test_a_probation_obligation_before_the_sursis_probatoire_existed_is_refused():
    with pytest.raises(RuleNotInForce):
        rules.obligation_article(StageKind.PROBATION, ObligationKind.CARE, date(2020, 3, 23))
    assert rules.obligation_article(StageKind.PROBATION, ObligationKind.CARE, date(2020, 3, 24))


@pytest.mark.parametrize("kind", ReleaseKind.values)
def test_the_victim_is_told_of_every_release_even_temporary_since_d_1_11_2(kind):
    assert rules.victim_told_of(kind, date(2022, 2, 1))
    assert not rules.victim_told_of(kind, date(2022, 1, 31))
