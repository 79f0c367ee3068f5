"""Eviction housing in the browser: the parquet asks for housing for the case's perpetrator; the
operator tries a place too close to the victim's home (told only "too close"), gives a compatible
one and confirms; the parquet sees where he is housed; his departure is recorded."""

import re

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.cases.factories import CaseFactory, renamed
from tests.eviction.factories import housing_operator, north_of, place, victim_home
from tests.justice.helpers import court_member

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_parquet_houses_the_perpetrator_away_from_her(signed_in_page):
    case = CaseFactory()
    # Names the factories never draw: his, shown and followed as a link, cannot contain hers,
    # searched for, nor match another link by chance.
    victim = renamed(case.victim, "Zorglubien", "Zéphirine")
    perpetrator = renamed(case.perpetrator, "Valdrague", "Clothaire")
    prosecutor = court_member(case, Role.PROSECUTOR)
    operator = housing_operator()
    home = victim_home(case)
    near = north_of(home.latitude, home.longitude, 2_000)
    place(operator, label="Studio de la gare", at=near, commune="Évreux")
    place(operator, label="Studio des Halles")  # Bernay, far from her home in Évreux

    page = signed_in_page(prosecutor)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Hébergement de l'auteur évincé").click()
    page.get_by_label("Fondement de l'éviction").select_option(
        label="Contrôle judiciaire (CPP 138 17°)"
    )
    page.get_by_label("Date à laquelle il doit avoir quitté le domicile").fill("2099-01-15")
    check_accessibility(page)
    page.get_by_role("button", name="Demander").click()
    expect(
        page.get_by_text("La demande d'hébergement est envoyée au gestionnaire.")
    ).to_be_visible()

    page = signed_in_page(operator)
    page.goto("/")
    page.get_by_role("link", name=re.compile(perpetrator.last_name)).first.click()
    page.get_by_label("Logement proposé").select_option(label="Studio de la gare — Évreux")
    page.get_by_role("button", name="Vérifier et proposer").click()
    expect(page.get_by_text(re.compile("trop proche d'un lieu où la victime"))).to_be_visible()
    content = page.content()
    for secret in (victim.last_name, victim.first_name, "rue des Lilas", f"{home.latitude:.3f}"):
        assert secret not in content
    assert not re.search(r"\d+([.,]\d+)?\s?k?m\b", page.locator(".fr-alert").inner_text())
    page.get_by_label("Logement proposé").select_option(label="Studio des Halles — Bernay")
    page.get_by_role("button", name="Vérifier et proposer").click()
    expect(page.get_by_text("Logement compatible : confirmez l'attribution.")).to_be_visible()
    page.get_by_role("button", name="Confirmer l'attribution").click()
    expect(page.get_by_text("L'attribution est confirmée.")).to_be_visible()
    page.get_by_role("button", name="Enregistrer l'arrivée").click()
    expect(page.locator("#request-status")).to_have_text("Hébergé")
    check_accessibility(page)
    screenshot(page, "eviction-operator-request")

    page = signed_in_page(prosecutor)
    page.goto("/")
    page.get_by_role("link", name="Hébergement des auteurs évincés").first.click()
    row = page.locator("tr", has_text=case.reference)
    expect(row.get_by_text(re.compile("Studio des Halles"))).to_be_visible()
    expect(row.get_by_text("Hébergé")).to_be_visible()
    check_accessibility(page)

    page = signed_in_page(operator)
    page.goto("/eviction/logements/")
    page.get_by_role("link", name=re.compile(perpetrator.last_name)).first.click()
    page.get_by_label("Motif du départ").select_option(label="Fin de la mesure")
    page.get_by_role("button", name="Enregistrer le départ").click()
    expect(page.get_by_text("Le départ est enregistré.")).to_be_visible()

    page = signed_in_page(prosecutor)
    page.goto(f"/eviction/dossiers/{case.pk}/")
    expect(page.get_by_text(re.compile("Fin de la mesure"))).to_be_visible()
    screenshot(page, "eviction-court-departure")
