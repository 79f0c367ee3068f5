"""The perpetrator's path across the chain, in one browser walk: the procureur records the
custody; the judge places him under judicial supervision with a contact ban, an eviction and a
CPCA course; the CPCA of the département finds the order, enrols him and reports an absence to
the judge; the parquet has him housed away from her; the SPIP records his release, and the victim
is told at her safe e-mail while a re-assessment falls due. No perpetrator-side page shows where
she lives."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from egide.assessment.choices import Trigger
from egide.cases.models import SafeContact
from egide.eviction.models import HousingRequest
from tests.cases.factories import CaseFactory, renamed
from tests.eviction.factories import housing_operator, north_of, place, victim_home
from tests.factories import AgencyFactory, MembershipFactory
from tests.justice.helpers import court_member

from .browser import check_accessibility
from .test_criminal_flow import new_stage, tick

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SAFE_EMAIL = "refuge.sur@example.test"


def assert_nothing_of_her(page, case) -> None:
    content = page.content()
    victim = case.victim
    for secret in (victim.last_name, victim.address, SAFE_EMAIL):
        assert secret not in content


def judge_places_him_under_supervision(page, case, day) -> None:
    new_stage(page, case, "judicial_supervision", day)
    tick(page, "Interdiction d'entrer en contact avec la victime")
    page.get_by_label("Personnes avec qui tout contact est interdit").fill("La victime")
    tick(page, re.compile("Éviction du domicile du couple"))
    tick(page, "Suivi ou stage de responsabilisation au CPCA")
    page.get_by_label("CPCA : suivi ou stage ordonné").fill("Stage de responsabilisation")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Étape de la procédure pénale enregistrée.")).to_be_visible()


def cpca_enrols_him_and_reports_an_absence(page, case, day) -> None:
    perpetrator = case.perpetrator
    page.goto("/")
    page.get_by_role("link", name="Programmes auteurs").first.click()
    page.get_by_role("link", name="Inscrire").click()
    page.get_by_label("Date d'inscription").fill(f"{day:%Y-%m-%d}")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Inscription enregistrée : le module socle est prévu.")).to_be_visible()
    page.get_by_role("link", name=str(perpetrator)).click()
    page.get_by_role("link", name="Prévoir une séance").click()
    page.get_by_label("Séance").select_option("talk_group")
    page.get_by_label("Date et heure").fill(f"{day:%Y-%m-%d}T10:00")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_label("Présence").select_option("unexcused")
    page.get_by_role("button", name="Noter la présence").click()
    page.get_by_role("link", name=re.compile("À transmettre avant le")).click()
    page.get_by_label("Observations du CPCA").fill("Absent au groupe de parole.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Rapport transmis à l'autorité prescriptrice.")).to_be_visible()
    assert_nothing_of_her(page, case)


def parquet_has_him_housed_away_from_her(page, case, operator) -> None:
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Hébergement de l'auteur évincé").click()
    # The eviction the judge ordered fills in the request's basis.
    expect(page.get_by_label("Fondement de l'éviction")).to_have_value("judicial_supervision")
    page.get_by_label("Date à laquelle il doit avoir quitté le domicile").fill("2099-01-15")
    page.get_by_role("button", name="Demander").click()
    expect(
        page.get_by_text("La demande d'hébergement est envoyée au gestionnaire.")
    ).to_be_visible()


def operator_allocates_a_place_away_from_her(page, case) -> None:
    page.goto("/")
    page.get_by_role("link", name=re.compile(case.perpetrator.last_name)).first.click()
    page.get_by_label("Logement proposé").select_option(label="Studio de la gare — Évreux")
    page.get_by_role("button", name="Vérifier et proposer").click()
    expect(page.get_by_text(re.compile("trop proche d'un lieu où la victime"))).to_be_visible()
    page.get_by_label("Logement proposé").select_option(label="Studio des Halles — Bernay")
    page.get_by_role("button", name="Vérifier et proposer").click()
    page.get_by_role("button", name="Confirmer l'attribution").click()
    expect(page.get_by_text("L'attribution est confirmée.")).to_be_visible()
    assert_nothing_of_her(page, case)


def spip_records_his_release(page, case, day) -> None:
    page.goto("/")
    page.get_by_role("link", name="Personnes suivies").first.click()
    page.get_by_role("link", name=str(case.perpetrator)).click()
    page.get_by_role("link", name="Sortie de détention").click()
    page.locator("#id_kind").select_option("end_of_sentence")
    page.locator("#id_on").fill(day.isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text(re.compile("la victime est avisée"))).to_be_visible()
    check_accessibility(page)
    assert_nothing_of_her(page, case)


def test_custody_to_release_across_court_cpca_housing_and_probation(signed_in_page):
    case = CaseFactory()
    # Names the factories never draw: his, shown and followed as a link, cannot contain hers,
    # searched for, nor match another link by chance.
    renamed(case.victim, "Zorglubien", "Zéphirine")
    renamed(case.perpetrator, "Valdrague", "Clothaire")
    SafeContact.objects.filter(case=case).update(email=SAFE_EMAIL)
    spip = AgencyFactory(kind=AgencyKind.PROBATION, name="SPIP de l'Eure", departement="27")
    cpca = MembershipFactory(
        role=Role.CPCA_WORKER,
        agency=AgencyFactory(kind=AgencyKind.CPCA, name="CPCA de l'Eure", departement="27"),
    )
    operator = housing_operator()
    home = victim_home(case)
    near = north_of(home.latitude, home.longitude, 2_000)
    place(operator, label="Studio de la gare", at=near, commune="Évreux")
    place(operator, label="Studio des Halles")  # Bernay, 40 km from her home in Évreux
    prosecutor = court_member(case, Role.PROSECUTOR)
    judge = court_member(case, Role.JUDGE)
    today = timezone.localdate()

    page = signed_in_page(prosecutor)
    new_stage(page, case, "custody", today - timedelta(days=2))
    page.locator("#id_ends_on").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Issue de la garde à vue").select_option("judicial_supervision")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Étape de la procédure pénale enregistrée.")).to_be_visible()

    judge_places_him_under_supervision(signed_in_page(judge), case, today - timedelta(days=1))
    cpca_enrols_him_and_reports_an_absence(signed_in_page(cpca), case, today - timedelta(days=1))

    page = signed_in_page(judge)
    page.goto("/")
    page.get_by_role("link", name=f"Absence non excusée — dossier {case.reference}").click()
    expect(page.get_by_text("Absent au groupe de parole.")).to_be_visible()
    page.get_by_role("button", name="Marquer comme lu").click()
    expect(page.get_by_text("Rapport marqué comme lu.")).to_be_visible()

    parquet_has_him_housed_away_from_her(signed_in_page(prosecutor), case, operator)
    operator_allocates_a_place_away_from_her(signed_in_page(operator), case)
    assert HousingRequest.objects.get(case=case).place.label == "Studio des Halles"

    page = signed_in_page(prosecutor)
    page.goto(f"/penal/dossier/{case.pk}/")
    page.get_by_role("link", name="Confier le suivi au SPIP").click()
    page.locator("#id_service").select_option(label="SPIP de l'Eure")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Suivi confié au SPIP.")).to_be_visible()

    release_day = today + timedelta(days=10)
    spip_member = MembershipFactory(role=Role.PROBATION_OFFICER, agency=spip)
    spip_records_his_release(signed_in_page(spip_member), case, release_day)
    assert [message.to for message in mail.outbox] == [[SAFE_EMAIL]]
    assert case.reassessment_tasks.open().get().trigger == Trigger.RELEASE_FROM_CUSTODY
