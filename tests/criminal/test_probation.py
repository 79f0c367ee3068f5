"""The SPIP follows the people the court assigns it: their obligations, checks and breaches,
reported through the court's breach inbox; it never reads the victim's data."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.criminal import services
from egide.criminal.models import ComplianceCheck
from egide.errors import RuleError
from egide.justice import rules as justice_rules
from egide.justice.models import BreachReport
from egide.justice.services import escalate_overdue_breaches
from tests.cases.factories import CaseFactory, renamed
from tests.factories import acting
from tests.justice.helpers import court_member

from .helpers import followed_case, prosecutor, spip_member, supervised_case

pytestmark = pytest.mark.django_db


def victim_data(case) -> list[str]:
    victim = case.victim
    contact = case.safe_contact
    return [
        victim.last_name,
        victim.address,
        victim.phone,
        contact.phone,
        contact.code_word,
        "Camille Durand",  # the contact ban's designated person
        "Domicile du couple",  # the eviction's place
        *case.incidents.values_list("narrative", flat=True),
    ]


def named_followed_case(victim: str, perpetrator: str):
    """`followed_case()` with names the factories never draw, so that finding one in a page
    cannot be another person's name containing it ("Roux" in "Le Roux") or equal to it."""
    case = CaseFactory()
    renamed(case.victim, victim)
    renamed(case.perpetrator, perpetrator)
    return followed_case(case=case)


def test_the_follow_up_goes_to_a_spip_of_the_case_territory_only():
    case = supervised_case()
    elsewhere = spip_member("2A")
    with pytest.raises(RuleError):
        services.assign_follow_up(prosecutor(case), case, elsewhere.agency)
    services.assign_follow_up(prosecutor(case), case, spip_member().agency)
    with pytest.raises(PermissionDenied):
        services.assign_follow_up(acting(spip_member()), case, spip_member().agency)


def test_the_spip_lists_its_people_with_obligations_authority_and_dates_never_the_victim(
    sign_in_as,
):
    case, follow_up, member = named_followed_case("Zorglubien", "Valdrague")
    other_case, _other, _spip = named_followed_case("Ombrelune", "Grangerolle")
    client = sign_in_as(member)
    for url in (reverse("criminal:followed"), follow_up.get_absolute_url(), reverse("web:home")):
        page = client.get(url).content.decode()
        assert case.perpetrator.last_name in page
        assert other_case.perpetrator.last_name not in page
        for value in victim_data(case):
            assert value not in page, f"{url} shows the victim's {value!r}"
    page = client.get(reverse("criminal:followed")).content.decode()
    assert "CPP art. 138 9°" in page and case.court.name in page
    assert "Stage de responsabilisation" in page


def test_the_spip_reaches_neither_the_case_file_nor_its_criminal_page(sign_in_as):
    case, _follow_up, member = followed_case()
    client = sign_in_as(member)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("criminal:case", args=[case.pk])).status_code in (403, 404)


def test_a_breach_goes_to_the_court_breach_inbox_with_its_deadline_and_escalates(sign_in_as):
    case, follow_up, member = followed_case()
    ban = follow_up.case.criminal_stages.get().obligations.get(kind="contact_ban")
    response = sign_in_as(member).post(
        reverse("criminal:check_add", args=[follow_up.pk]),
        {
            "obligation": ban.pk,
            "checked_on": timezone.localdate().isoformat(),
            "outcome": "breached",
            "notes": "Appels répétés à la victime, reconnus en entretien.",
        },
    )
    assert response.status_code == 302
    breach = BreachReport.objects.get(case=case)
    assert (breach.source, breach.kind) == ("probation", "contact_ban")
    delay = justice_rules.breach_acknowledgement_delay()
    assert breach.acknowledgement_due_at == breach.reported_at + delay
    assert ComplianceCheck.objects.get().breach_report == breach
    inbox = sign_in_as(court_member(case, Role.PROSECUTOR)).get(reverse("justice:breaches"))
    assert "Appels répétés" in inbox.content.decode()
    assert escalate_overdue_breaches(breach.acknowledgement_due_at + timedelta(minutes=1)) == 1


def test_a_breach_without_its_description_is_refused_and_nothing_is_reported():
    _case, follow_up, member = followed_case()
    ban = follow_up.case.criminal_stages.get().obligations.first()
    with pytest.raises(RuleError):
        services.record_check(
            acting(member),
            follow_up,
            obligation=ban,
            checked_on=timezone.localdate(),
            outcome="breached",
        )
    assert not BreachReport.objects.exists() and not ComplianceCheck.objects.exists()


def test_another_spip_cannot_check_someone_it_does_not_follow():
    _case, follow_up, _member = followed_case()
    ban = follow_up.case.criminal_stages.get().obligations.first()
    with pytest.raises(PermissionDenied):
        services.record_check(
            acting(spip_member()),
            follow_up,
            obligation=ban,
            checked_on=timezone.localdate(),
            outcome="complied",
        )


def test_the_api_gives_the_spip_its_people_without_the_victim_and_refuses_outsiders(
    sign_in_as,
):
    case, _follow_up, member = named_followed_case("Zorglubien", "Valdrague")
    answer = sign_in_as(member).get("/api/v1/criminal/followed")
    assert answer.status_code == 200
    body = answer.content.decode()
    assert answer.json()[0]["last_name"] == case.perpetrator.last_name
    for value in victim_data(case):
        assert value not in body
    assert (
        sign_in_as(member).get(f"/api/v1/criminal/cases/{case.pk}/obligations").status_code == 404
    )
    for role in (Role.CPCA_WORKER, Role.HOUSING_OPERATOR, Role.POLICE_OFFICER):
        outsider = sign_in_as(role=role)
        assert outsider.get("/api/v1/criminal/followed").status_code == 403
        assert outsider.get(f"/api/v1/criminal/cases/{case.pk}/obligations").status_code == 404
    court = sign_in_as(court_member(case, Role.PROSECUTOR))
    obligations = court.get(f"/api/v1/criminal/cases/{case.pk}/obligations").json()
    assert {o["kind"] for o in obligations} == {"contact_ban", "eviction", "cpca_course"}


def test_a_case_naming_no_perpetrator_has_nobody_to_follow():
    case = supervised_case()
    case.people.filter(role="perpetrator").delete()
    with pytest.raises(RuleError):
        services.assign_follow_up(prosecutor(case), case, spip_member().agency)
