"""The public orientation page is DSFR (its own modular CSS, the Marianne logo block) and stays
under 60 KB compressed on a first visit, counting every response the browser actually loads."""

import gzip
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from egide.directory.pages import BUDGET_BYTES, DSFR_MODULES

from .browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_first_visit_is_dsfr_and_within_the_budget(page):
    loaded = []
    page.on("response", lambda response: loaded.append(response))
    page.goto(reverse("directory:find_help"))
    page.wait_for_load_state("networkidle")
    sizes = {response.url: len(gzip.compress(response.body())) for response in loaded}
    total = sum(sizes.values())
    assert total <= BUDGET_BYTES, sorted(sizes.items(), key=lambda item: -item[1])
    urls = " ".join(sizes)
    assert all(module in urls for module in DSFR_MODULES)
    assert "dsfr.min.css" not in urls and not re.search(r"\.woff2?\b", urls)
    expect(page.locator(".fr-header .fr-logo")).to_contain_text("République")
    expect(page.get_by_role("link", name=re.compile("Quitter ce site"))).to_be_visible()
    expect(page.get_by_role("link", name="0 801 90 19 11")).to_be_visible()
    exit_colour = page.locator("#quick-exit").evaluate("e => getComputedStyle(e).backgroundColor")
    assert exit_colour == "rgb(201, 25, 30)"
    screenshot(page, "find-help-dsfr")
