"""A perpetrator programme in a browser: the parquet orders it on a case, the CPCA of the
département enrols the man, plans a session and records an unexcused absence, and its report
reaches the parquet, who reads it — while the CPCA never sees the victim."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.conftest import sign_in
from tests.perpetrators.helpers import VICTIM_SECRETS, court_member, cpca_member, victim_case

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def parquet_orders_a_programme(page, case):
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Orienter l'auteur vers un CPCA").click()
    page.get_by_label("Fondement").select_option("cpp_41_1_2")
    page.get_by_label("Date de la décision").fill(
        f"{timezone.localdate() - timedelta(days=3):%Y-%m-%d}"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Orientation transmise au CPCA.")).to_be_visible()


def cpca_enrols_and_records_an_absence(page):
    page.goto("/")
    page.get_by_role("link", name="Programmes auteurs").first.click()
    expect(page.get_by_role("cell", name="Marchand Thierry")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Inscrire").click()
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date d'inscription").fill(f"{yesterday:%Y-%m-%d}")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Inscription enregistrée : le module socle est prévu.")).to_be_visible()
    page.get_by_role("link", name="Thierry Marchand").click()
    page.get_by_role("link", name="Prévoir une séance").click()
    page.get_by_label("Séance").select_option("talk_group")
    page.get_by_label("Date et heure").fill(f"{yesterday:%Y-%m-%d}T10:00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Séance prévue.")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Présence").select_option("unexcused")
    page.get_by_role("button", name="Noter la présence").click()
    expect(page.get_by_text("Présence enregistrée.")).to_be_visible()
    page.get_by_role("link", name=re.compile("À transmettre avant le")).click()
    page.get_by_label("Observations du CPCA").fill("Absent sans prévenir au groupe de parole.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Rapport transmis à l'autorité prescriptrice.")).to_be_visible()
    screenshot(page, "cpca-enrolment")
    content = page.content()
    assert not [secret for secret in VICTIM_SECRETS if secret in content]


def parquet_reads_the_report(page, case):
    page.goto("/")
    expect(page.get_by_role("heading", name="Rapports CPCA à lire")).to_be_visible()
    page.get_by_role("link", name=f"Absence non excusée — dossier {case.reference}").click()
    expect(page.get_by_text("Absent sans prévenir au groupe de parole.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Marquer comme lu").click()
    expect(page.get_by_text("Rapport marqué comme lu.")).to_be_visible()


def test_the_parquet_orders_the_cpca_reports_an_absence_and_the_parquet_reads_it(
    browser, live_server, client
):
    case = victim_case()
    prosecutor = court_member(case, Role.PROSECUTOR)
    cpca = cpca_member()

    def session_for(membership):
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        context.set_default_timeout(10_000)
        sign_in(client, membership)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        return context, context.new_page()

    for membership, steps in (
        (prosecutor, lambda page: parquet_orders_a_programme(page, case)),
        (cpca, cpca_enrols_and_records_an_absence),
        (prosecutor, lambda page: parquet_reads_the_report(page, case)),
    ):
        context, page = session_for(membership)
        try:
            steps(page)
        finally:
            context.close()
