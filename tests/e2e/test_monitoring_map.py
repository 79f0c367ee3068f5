"""The incident map in the browser: Leaflet draws both labelled positions over Égide's own
offline base map (no tile server on the internet), under the page's CSP."""

import pytest
from playwright.sync_api import expect

from egide.accounts.roles import Role
from tests.factories import MembershipFactory
from tests.monitoring.map_helpers import alert_with_positions

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_operator_sees_the_pairing_on_the_map(signed_in_page):
    incident = alert_with_positions()
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_OPERATOR))
    page.goto(f"/surveillance/incidents/{incident.pk}/")

    map_ = page.locator("#incident-map")
    expect(map_).to_have_attribute("data-drawn", "true")
    # The base map's tiles, served by Égide itself (SVG drawn from the bundled open data).
    expect(map_.locator("img.leaflet-tile-loaded[src*='/fond-de-carte/']").first).to_be_visible()
    expect(map_.locator(".egide-map-marker")).to_have_count(2)
    expect(map_.locator(".egide-map-marker--perpetrator")).to_have_text("Auteur")
    expect(map_.locator(".egide-map-marker--victim")).to_have_text("Victime")
    # Around her, around her home, and around the place the judge banned him from.
    expect(map_.locator("path.egide-zone--alert")).to_have_count(3)
    expect(page.locator("#map-facts")).to_contain_text("Position de la victime")
    check_accessibility(page)
    screenshot(page, "monitoring-map")
