"""The criminal path in a browser: the procureur records the custody, then a judicial
supervision with eviction, contact ban and CPCA course, hands the follow-up to the SPIP; the SPIP
records the end of the sentence; the victim is told at her safe e-mail and a re-assessment is
due — and the SPIP never sees the victim's address."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from egide.assessment.choices import Trigger
from egide.cases.models import SafeContact
from egide.criminal.models import Obligation
from tests.cases.factories import CaseFactory
from tests.factories import AgencyFactory, MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VICTIM_ADDRESS = "12 rue des Lilas"
SAFE_EMAIL = "refuge.sur@example.test"


def tick(page, label) -> None:
    """DSFR draws its own box over the checkbox: the user clicks the label, so do we."""
    page.locator("label", has_text=label).click()


def new_stage(page, case, kind: str, day) -> None:
    page.goto(f"/penal/dossier/{case.pk}/")
    page.get_by_role("link", name="Nouvelle étape").click()
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_starts_on").fill(day.isoformat())


def prosecutor_records_custody_and_supervision(page, case, today):
    new_stage(page, case, "custody", today - timedelta(days=1))
    page.locator("#id_ends_on").fill(today.isoformat())
    page.get_by_label("Issue de la garde à vue").select_option("judicial_supervision")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Étape de la procédure pénale enregistrée.")).to_be_visible()

    new_stage(page, case, "judicial_supervision", today)
    tick(page, "Interdiction d'entrer en contact avec la victime")
    page.get_by_label("Personnes avec qui tout contact est interdit").fill("La victime")
    tick(page, re.compile("Éviction du domicile du couple"))
    tick(page, "Suivi ou stage de responsabilisation au CPCA")
    page.get_by_label("CPCA : suivi ou stage ordonné").fill("Stage de responsabilisation")
    screenshot(page, "criminal-supervision")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Étape de la procédure pénale enregistrée.")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("CPP art. 138 17°"))).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Confier le suivi au SPIP").click()
    page.locator("#id_service").select_option(label="SPIP de l'Eure")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Suivi confié au SPIP.")).to_be_visible()


def spip_records_the_end_of_sentence(page, case, day):
    page.goto("/")
    page.get_by_role("link", name="Personnes suivies").first.click()
    expect(page.get_by_role("cell", name=re.compile("CPP art. 138 9°"))).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(VICTIM_ADDRESS)
    check_accessibility(page)
    page.get_by_role("link", name=str(case.perpetrator)).click()
    page.get_by_role("link", name="Sortie de détention").click()
    page.locator("#id_kind").select_option("end_of_sentence")
    page.locator("#id_on").fill(day.isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(re.compile("la victime est avisée"))).to_be_visible()
    expect(page.locator("body")).to_contain_text(f"{day:%d/%m/%Y}")
    expect(page.locator("body")).not_to_contain_text(VICTIM_ADDRESS)
    expect(page.locator("body")).not_to_contain_text(SAFE_EMAIL)


def test_supervision_then_release_tells_the_victim_and_calls_for_a_reassessment(
    signed_in_page,
):
    case = CaseFactory()
    SafeContact.objects.filter(case=case).update(email=SAFE_EMAIL)
    spip = AgencyFactory(kind=AgencyKind.PROBATION, name="SPIP de l'Eure", departement="27")
    today = timezone.localdate()

    page = signed_in_page(MembershipFactory(role=Role.PROSECUTOR, agency=case.court))
    prosecutor_records_custody_and_supervision(page, case, today)
    assert set(Obligation.objects.values_list("kind", flat=True)) == {
        "contact_ban",
        "eviction",
        "cpca_course",
    }

    release_day = today + timedelta(days=15)
    signed_in_page(MembershipFactory(role=Role.PROBATION_OFFICER, agency=spip))
    spip_records_the_end_of_sentence(page, case, release_day)
    assert [message.to for message in mail.outbox] == [[SAFE_EMAIL]]
    assert f"{release_day:%d/%m/%Y}" in mail.outbox[0].body
    task = case.reassessment_tasks.open().get()
    assert task.trigger == Trigger.RELEASE_FROM_CUSTODY

    page.goto(f"/dossiers/{case.pk}/")
    expect(page.locator("body")).not_to_contain_text(VICTIM_ADDRESS)


def test_the_stage_form_shows_only_the_fields_of_the_chosen_stage(signed_in_page):
    case = CaseFactory()
    page = signed_in_page(MembershipFactory(role=Role.PROSECUTOR, agency=case.court))
    new_stage(page, case, "custody", timezone.localdate())
    outcome = page.get_by_label("Issue de la garde à vue")
    trial_mode = page.get_by_label("Mode de poursuite")
    contact_ban = page.locator("label", has_text="Interdiction d'entrer en contact avec la victime")
    expect(outcome).to_be_visible()
    expect(trial_mode).to_be_hidden()
    expect(contact_ban).to_be_hidden()

    page.locator("#id_kind").select_option("judicial_supervision")
    expect(outcome).to_be_hidden()
    expect(contact_ban).to_be_visible()
    tick(page, "Suivi ou stage de responsabilisation au CPCA")
    page.get_by_label("CPCA : suivi ou stage ordonné").fill("Stage")
    screenshot(page, "criminal-stage-form-supervision")

    # A field hidden again is not sent: the course ticked for a supervision does not make the
    # trial refused ("only an alternative, a supervision or a probation impose obligations").
    page.locator("#id_kind").select_option("trial")
    expect(trial_mode).to_be_visible()
    expect(page.get_by_label("CPCA : suivi ou stage ordonné")).to_be_hidden()
    trial_mode.select_option(index=1)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Étape de la procédure pénale enregistrée.")).to_be_visible()
    assert not Obligation.objects.filter(case=case).exists()
