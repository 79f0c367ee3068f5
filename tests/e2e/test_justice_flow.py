"""The court's path in a browser: OPPI within 24 hours, a BAR at 2 km, seen by the monitoring
centre, while the perpetrator's side never sees the victim's address."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import Role
from egide.devices.choices import DeviceKind
from tests.cases.factories import CaseFactory
from tests.devices.helpers import stock
from tests.factories import MembershipFactory

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VICTIM_ADDRESS = "12 rue des Lilas"


@pytest.fixture
def court_case():
    case = CaseFactory()
    stock(DeviceKind.PERPETRATOR_BRACELET)
    stock(DeviceKind.VICTIM_UNIT)
    members = {
        role: MembershipFactory(role=role, agency=case.court)
        for role in (Role.PROSECUTOR, Role.JUDGE)
    }
    return case, members


def tick(page, label) -> None:
    """DSFR draws its own box over the checkbox: the user clicks the label, so do we."""
    page.locator("label", has_text=label).click()


def prosecutor_requests_an_oppi(page, case):
    page.goto(f"/justice/dossiers/{case.pk}/")
    page.get_by_role("link", name="Demander une ordonnance de protection").click()
    page.get_by_label("Demande présentée par").select_option("prosecutor")
    tick(page, re.compile("La victime a donné son accord"))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Demande d'ordonnance de protection enregistrée.")).to_be_visible()
    page.get_by_role("link", name=re.compile("OP demandée le")).click()
    page.get_by_role("link", name="Demander une OPPI").click()
    tick(page, "La personne en danger a donné son accord")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("OPPI demandée : le juge statue dans les 24 heures.")).to_be_visible()


def judge_decides_the_oppi(page):
    page.goto("/justice/echeances/")
    expect(page.get_by_role("cell", name=re.compile("24 heures"))).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="OPPI : décision à rendre (24 heures)").click()
    page.get_by_role("link", name="Statuer").click()
    page.locator("#id_decision").select_option("granted")
    tick(page, re.compile("1° Interdiction d'entrer en contact"))
    page.get_by_label("Personnes avec qui tout contact est interdit").fill("La victime")
    tick(page, re.compile("1° bis Interdiction de se rendre"))
    page.get_by_label("Autre lieu interdit : nom").fill("Lycée")
    page.get_by_label("Autre lieu interdit : adresse").fill("Lycée Aristide-Briand, Évreux")
    page.get_by_label(re.compile("élection de domicile")).select_option("lawyer")
    page.get_by_label("Motifs de la décision").fill("Danger grave et immédiat vraisemblable.")
    screenshot(page, "justice-oppi-decision")
    page.get_by_role("button", name="Rendre la décision").click()
    expect(page.get_by_text("Décision enregistrée.")).to_be_visible()
    expect(page.get_by_text("Lycée Aristide-Briand, Évreux")).to_be_visible()


def judge_orders_a_bracelet(page):
    page.get_by_role("link", name="Ordonner un bracelet anti-rapprochement").click()
    page.get_by_label("Cadre").select_option("civil")
    page.get_by_label(re.compile("Distance d'alerte")).fill("12")
    tick(page, "Accord de l'auteur")
    tick(page, "Accord de la victime")
    tick(page, "Lycée Aristide-Briand, Évreux")
    page.get_by_role("button", name="Enregistrer").click()
    # The field's own error (the summary at the top of the page links to it with the same words).
    refusal = "La distance d'alerte est un nombre entier"
    field_error = page.locator(".fr-error-text", has_text=refusal)
    expect(field_error).to_be_visible()
    page.get_by_label(re.compile("Distance d'alerte")).fill("2")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Bracelet anti-rapprochement ordonné et appairé.")).to_be_visible()


def test_oppi_then_bracelet_seen_by_the_monitoring_centre(signed_in_page, court_case):
    case, members = court_case
    page = signed_in_page(members[Role.PROSECUTOR])
    prosecutor_requests_an_oppi(page, case)

    signed_in_page(members[Role.JUDGE])
    judge_decides_the_oppi(page)
    judge_orders_a_bracelet(page)
    case.refresh_from_db()
    assert case.address_hidden

    signed_in_page(MembershipFactory(role=Role.MONITORING_OPERATOR))
    page.goto("/dispositifs/appairages/")
    card = page.locator("section", has_text=case.reference)
    expect(card).to_contain_text("Distance d'alerte 2000 m, pré-alerte 4000 m")
    expect(card).to_contain_text("Lycée Aristide-Briand, Évreux")
    # Her safe contact: on an open incident only, not on this list.
    expect(card).not_to_contain_text("06 11 22 33 44")
    expect(page.locator("body")).not_to_contain_text(VICTIM_ADDRESS)
    screenshot(page, "monitoring-pairings")
    check_accessibility(page)

    signed_in_page(MembershipFactory(role=Role.CPCA_WORKER))
    for url in (
        f"/dossiers/{case.pk}/",
        f"/justice/dossiers/{case.pk}/",
        "/dispositifs/appairages/",
    ):
        response = page.goto(url)
        assert response.status in (403, 404)
        expect(page.locator("body")).not_to_contain_text(VICTIM_ADDRESS)
