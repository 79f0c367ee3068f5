"""The other doors into the chain in a browser: a hospital doctor's 226-14 report reaches the
procureur's board and is acknowledged; a 3919 listener's warm referral lands at the local CIDFF;
an officer in another département sees "known elsewhere" for the same perpetrator and learns
which agency to call, without the first victim's identity (page, API and printout)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import PersonRole
from tests.cases.factories import CaseFactory, PersonFactory
from tests.factories import AgencyFactory, MembershipFactory, agency_for_role

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tick(page, label) -> None:
    """DSFR draws its own box over the checkbox: the user clicks the label, so do we."""
    page.locator("label", has_text=label).click()


def test_a_doctors_226_14_report_reaches_the_procureur_board_and_is_acknowledged(
    signed_in_page,
):
    hospital = agency_for_role(Role.HEALTH_PROFESSIONAL, "27")
    doctor = MembershipFactory(role=Role.HEALTH_PROFESSIONAL, agency=hospital)
    page = signed_in_page(doctor)
    page.goto("/")
    page.get_by_role("link", name="Signalements au procureur").first.click()
    page.get_by_role("link", name="Nouveau signalement au procureur").click()
    page.get_by_label("Nom de la victime", exact=True).fill("Benali")
    page.get_by_label("Prénom de la victime").fill("Samira")
    page.get_by_label("Nom de l'auteur désigné", exact=True).fill("Benali")
    page.get_by_label("Prénom de l'auteur désigné").fill("Karim")
    tick(page, re.compile("mettent sa vie en danger immédiat"))
    tick(page, re.compile("l'emprise exercée par l'auteur"))
    page.get_by_label(re.compile("cherché à obtenir son accord")).fill("Trois entretiens.")
    page.get_by_label("Issue de cette démarche").select_option("refused")
    page.get_by_label("Constatations et éléments du danger").fill("Strangulation récente.")
    page.get_by_role("button", name="Transmettre au procureur").click()
    # The law requires that she be informed: refused until the box is ticked.
    refusal = page.locator(".fr-error-text", has_text="doit être informée du signalement")
    expect(refusal).to_be_visible()
    tick(page, re.compile("Je l'ai informée du signalement"))
    page.get_by_role("button", name="Transmettre au procureur").click()
    expect(page.get_by_text("Signalement transmis au procureur de la République.")).to_be_visible()
    expect(page.get_by_text(re.compile("À prendre en compte avant"))).to_be_visible()
    check_accessibility(page)

    prosecutor = MembershipFactory(role=Role.PROSECUTOR, agency=hospital.jurisdiction)
    signed_in_page(prosecutor)
    page.goto("/justice/echeances/")
    page.get_by_role("link", name=re.compile("Signalement d'un soignant")).click()
    expect(page.get_by_text("Strangulation récente.")).to_be_visible()
    page.get_by_label("Décision prise").select_option("protection")
    screenshot(page, "health-report-inbox")
    page.get_by_role("button", name="Prendre en compte").click()
    expect(page.get_by_text("Signalement pris en compte : décision enregistrée.")).to_be_visible()
    expect(page.get_by_text(re.compile("Pris en compte le"))).to_be_visible()


def test_a_3919_warm_referral_lands_at_the_local_cidff(signed_in_page):
    cidff = AgencyFactory(kind=AgencyKind.ASSOCIATION, departement="27", name="CIDFF de l'Eure")
    listener = MembershipFactory(
        role=Role.HELPLINE_LISTENER, agency=agency_for_role(Role.HELPLINE_LISTENER, "75")
    )
    page = signed_in_page(listener)
    page.goto("/")
    page.get_by_role("link", name="Appels").first.click()
    page.get_by_role("link", name="Nouvel appel au 3919").click()
    page.get_by_label("Département de l'appel").fill("27")
    tick(page, "Psychologiques")
    page.get_by_label("Danger repéré").select_option("grave")
    page.get_by_label("Orientation donnée").select_option("local_structure")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Appel enregistré, sans donnée d'identité.")).to_be_visible()
    page.get_by_role("link", name="Mettre en relation, avec son accord").click()
    page.get_by_label("Structure locale").select_option(label="CIDFF de l'Eure")
    page.locator("#id_last_name").fill("Morel")
    page.locator("#id_first_name").fill("Élodie")
    page.get_by_label("Téléphone sûr").fill("06 44 55 66 77")
    page.get_by_label("Créneaux d'appel").fill("le matin")
    tick(page, re.compile("Elle accepte d'être mise en relation"))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Mise en relation transmise à la structure.")).to_be_visible()
    expect(page.get_by_text("Transmise à CIDFF de l'Eure")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Morel")
    check_accessibility(page)

    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff)
    signed_in_page(referent)
    page.goto("/dossiers/")
    page.get_by_role("link", name=re.compile("VIF-27")).first.click()
    expect(page.get_by_text("Élodie").first).to_be_visible()
    expect(page.get_by_text("06 44 55 66 77")).to_be_visible()
    screenshot(page, "helpline-referral-at-cidff")


def test_an_officer_elsewhere_sees_known_elsewhere_and_whom_to_call(signed_in_page):
    born = datetime.date(1979, 6, 21)
    eure_unit = AgencyFactory(departement="27", name="Commissariat d'Évreux")
    first = CaseFactory(opening_agency=eure_unit, people=False)
    PersonFactory(
        case=first,
        role=PersonRole.VICTIM,
        # Names the factories never draw: no one else's can contain them by chance.
        last_name="Zorglubien",
        first_name="Zéphirine",
        address="4 impasse des Glycines, 27000 Évreux",
    )
    PersonFactory(
        case=first,
        role=PersonRole.PERPETRATOR,
        last_name="Lefèbvre",
        first_name="Jérôme",
        birth_date=born,
    )
    caen = AgencyFactory(departement="14", name="Commissariat de Caen")
    second = CaseFactory(opening_agency=caen, people=False)
    PersonFactory(case=second, role=PersonRole.VICTIM, last_name="Roux", first_name="Julie")
    PersonFactory(
        case=second,
        role=PersonRole.PERPETRATOR,
        last_name="JEROME",
        first_name="LEFEBVRE",
        birth_date=born,
    )
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=caen)
    page = signed_in_page(officer)
    page.goto(f"/dossiers/{second.pk}/")
    signal = page.locator(".known-elsewhere")
    expect(signal).to_contain_text("Auteur connu ailleurs")
    expect(signal).to_contain_text("département 27")
    expect(signal).to_contain_text("Commissariat d'Évreux")
    check_accessibility(page)
    screenshot(page, "known-elsewhere")
    printout = page.goto(f"/dossiers/{second.pk}/impression/")
    assert printout.status == 200
    expect(page.locator(".known-elsewhere")).to_contain_text("Commissariat d'Évreux")
    api = page.request.get(f"/api/v1/cases/{second.pk}")
    signals = api.json()["known_elsewhere"]
    assert [s["agency"] for s in signals] == ["Commissariat d'Évreux"]
    for url in (f"/dossiers/{second.pk}/", f"/dossiers/{second.pk}/impression/"):
        page.goto(url)
        for secret in ("Zorglubien", "Zéphirine", "Glycines", first.reference):
            expect(page.locator("body")).not_to_contain_text(secret)
    for secret in ("Zorglubien", "Zéphirine", "Glycines", first.reference):
        assert secret not in api.text()
