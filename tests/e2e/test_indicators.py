"""The analyst's morning: the demo département's indicators, each chart with its table."""

import pytest
from playwright.sync_api import expect

from egide.accounts.models import Membership
from egide.demo.seed import seed

from .browser import check_accessibility, screenshot

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
