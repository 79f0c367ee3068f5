"""The analyst's morning: the demo département's indicators, each chart with its table."""

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Membership
from egide.demo.seed import seed

from .browser import SCREENSHOTS, check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_analyst_sees_the_eure_indicators_each_chart_with_its_table(settings, signed_in_page):
    settings.DEMO = True
    seed()
    analyst = Membership.objects.get(user__username="analyste")
    page = signed_in_page(analyst)
    page.goto("/")
    page.locator("#fr-navigation").get_by_role("link", name="Indicateurs").click()
    expect(page.locator("h1")).to_have_text("Indicateurs")
    expect(page.locator(".fr-text--lead")).to_contain_text("Département 27")
    # The demo's figures are summed up as the job does: the page says when they were counted.
    expect(page.get_by_text("Chiffres arrêtés le")).to_be_visible()

    charts = page.locator("figure[data-chart]")
    assert charts.count() >= 15
    for index in range(charts.count()):
        chart = charts.nth(index)
        slug = chart.get_attribute("data-chart")
        expect(chart.locator("svg[role=img] title")).not_to_be_empty()
        table = chart.locator("xpath=ancestor::section[1]//table")
        expect(table).to_have_attribute("data-chart-table", slug)
        assert chart.bounding_box()["y"] <= table.bounding_box()["y"]
        assert table.locator("tbody tr").count() >= 1

    requested = page.locator('table[data-chart-table="op-demandees"] tfoot td')
    assert int(requested.inner_text()) > 0, "the demo's protection orders are counted"
    check_accessibility(page)
    screenshot(page, "indicators-analyst")

    page.get_by_role("link", name="Ordonnances de protection demandées").click()
    expect(page.locator("h1")).to_have_text("Ordonnances de protection demandées")
    expect(page.locator("figure[data-chart=op-demandees]")).to_be_visible()
    check_accessibility(page)


def each_chart_has_its_table(page) -> list[str]:
    """Every figure is followed by the table named after it; -> the charts' names."""
    charts = page.locator("figure[data-chart]")
    names = []
    for index in range(charts.count()):
        chart = charts.nth(index)
        name = chart.get_attribute("data-chart")
        table = page.locator(f'table[data-chart-table="{name}"]')
        expect(table).to_have_count(1)
        expect(chart.locator("svg[role=img]").first).to_be_visible()
        assert table.locator("tbody tr").count() >= 1
        assert chart.bounding_box()["y"] <= table.bounding_box()["y"] + 1
        names.append(name)
    return names


def test_the_analyst_reads_the_map_of_france_and_one_chart_per_territory(settings, signed_in_page):
    settings.DEMO = True
    seed()
    analyst = Membership.objects.get(user__username="analyste")
    page = signed_in_page(analyst)
    page.goto("/indicateurs/")
    page.get_by_label("Département", exact=True).select_option("")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator(".fr-text--lead")).to_contain_text("Toute la France")

    home_map = page.locator("figure[data-chart=carte-op-demandees]")
    expect(home_map.locator("svg title").first).to_contain_text(
        "Carte : Ordonnances de protection demandées par département (Toute la France"
    )
    assert home_map.locator("path[data-departement]").count() == 101
    eure = page.locator('table[data-chart-table="carte-op-demandees"] tr', has_text="27 Eure")
    assert int(eure.locator("td").inner_text()) > 0, "the demo's orders are on the map"
    expect(home_map.locator("[data-legend] li").first).to_have_text("Aucun")
    assert "carte-op-demandees" in each_chart_has_its_table(page)
    check_accessibility(page)
    screenshot(page, "indicators-france")
    home_map.screenshot(path=str(SCREENSHOTS / "indicators-map.png"))

    page.get_by_role("link", name="Ordonnances de protection demandées").click()
    page.get_by_label("Région", exact=True).select_option(label="Normandie")
    page.get_by_label("Département", exact=True).select_option("")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator(".fr-text--lead, h1")).not_to_have_count(0)
    parts = page.locator("figure[data-chart=territoires-op-demandees] [data-part]")
    expect(parts).to_have_count(5)
    expect(page.locator("[data-part='27 Eure']")).to_be_visible()
    names = each_chart_has_its_table(page)
    assert {"op-demandees", "carte-op-demandees", "territoires-op-demandees"} <= set(names)
    small = page.locator('table[data-chart-table="territoires-op-demandees"] tbody th')
    assert [small.nth(i).inner_text() for i in range(5)] == [
        parts.nth(i).get_attribute("data-part") for i in range(5)
    ], "each small chart has its row in the table"
    check_accessibility(page)
    screenshot(page, "indicators-normandie")
