"""Known perpetrator: accents, typos, birth dates, and no leak of a case one may not see."""

import datetime

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.cases.choices import PersonRole
from egide.cases.matching import edit_distance, known_perpetrator_cases, names_match
from egide.cases.search_keys import name_key, normalise_name
from tests.conftest import sign_in
from tests.factories import AgencyFactory, MembershipFactory

from .factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db
BORN = datetime.date(1981, 3, 14)


def test_normalisation_ignores_accents_case_hyphens_and_particles():
    assert normalise_name("  Émile-Hervé ") == normalise_name("emile herve")
    assert normalise_name("de La Fontaine") == normalise_name("LAFONTAINE")
    assert normalise_name("Lætitia Cœur") == "laetitiacoeur"
    assert name_key("Lefèvre") == name_key("LEFEVRE")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dupont", "Dupond", True),
        ("Dupont", "Dpuont", True),  # two letters swapped
        ("Bourguignon", "Bourgignon", True),
        ("Bourguignon", "Bourgingon", True),
        ("Martin", "Martinez", False),
        ("Li", "Lu", False),
        ("Dupont", "Durand", False),
    ],
)
def test_typos_are_tolerated_within_limits(a, b, same):
    assert names_match(a, b) is same


def test_edit_distance_counts_a_transposition_once():
    assert edit_distance("abcd", "abdc") == 1


def perpetrator(case, last="Moreau", first="Stéphane", **kwargs):
    return PersonFactory(
        case=case, role=PersonRole.PERPETRATOR, last_name=last, first_name=first, **kwargs
    )


def two_cases(other_agency=None, **other_person):
    current = CaseFactory(people=False)
    perpetrator(current, birth_date=BORN)
    other = CaseFactory(people=False, opening_agency=other_agency or current.opening_agency)
    perpetrator(
        other, **{"last": "MOREAU", "first": "Stephane", "birth_date": BORN, **other_person}
    )
    return current, other


def officer_of(case):
    return MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)


def test_same_unit_is_told_of_the_earlier_case():
    current, other = two_cases()
    found = known_perpetrator_cases(current, officer_of(current))
    assert [known.case for known in found] == [other]


def test_typo_and_missing_date_with_close_year_match():
    current, other = two_cases(last="Moreaux", birth_date=None, birth_year=1982)
    assert [known.case for known in known_perpetrator_cases(current, officer_of(current))] == [
        other
    ]


@pytest.mark.parametrize(
    "other_person",
    [{"birth_date": datetime.date(1981, 3, 15)}, {"birth_date": None, "birth_year": 1984}],
)
def test_different_birth_is_another_person(other_person):
    current, _other = two_cases(**other_person)
    assert known_perpetrator_cases(current, officer_of(current)) == []


def test_no_leak_to_who_cannot_see_the_other_case(client):
    current, other = two_cases(other_agency=AgencyFactory())
    officer = officer_of(current)
    assert known_perpetrator_cases(current, officer) == []
    sign_in(client, officer)
    page = client.get(reverse("cases:detail", args=[current.pk])).content.decode()
    assert "Auteur déjà connu" not in page and other.reference not in page
    api = client.get(f"/api/v1/cases/{current.pk}").json()
    assert api["known_perpetrator_cases"] == []


def test_who_sees_both_is_told_on_the_page(client):
    current, other = two_cases(other_agency=AgencyFactory())
    procureur = MembershipFactory(role=Role.PROSECUTOR, agency=current.court)
    other.court = current.court
    other.save()
    sign_in(client, procureur)
    page = client.get(reverse("cases:detail", args=[current.pk])).content.decode()
    assert "Auteur déjà connu" in page and other.reference in page
