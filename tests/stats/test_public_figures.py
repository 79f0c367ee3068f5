"""The public orientation page shows this year's national figures, under statistical secrecy."""

import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from .factories import DAY, orders, paris, two_courts_and_another_departement

pytestmark = pytest.mark.django_db


def figure(html: str, name: str) -> str:
    found = re.search(rf"<dt>{re.escape(name)}</dt>\s*<dd>\s*(.+?)\s*</dd>", html)
    return found.group(1)


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_anyone_sees_the_national_figures_small_ones_masked(client):
    cache.clear()
    evreux, _bernay, caen = two_courts_and_another_departement()
    orders(evreux, 20, paris(2026, 3, 1), heard_after=DAY, decided_after=2 * DAY)
    orders(caen, 4, paris(2026, 3, 1), heard_after=DAY, decided_after=2 * DAY)
    html = client.get(reverse("directory:find_help")).content.decode()
    assert figure(html, "Ordonnances de protection délivrées") == "24"
    assert figure(html, "Téléphones grave danger attribués") == "0"
    assert "Les chiffres de 2026, en France" in html
    assert reverse("stats:open_data_csv") in html and reverse("stats:open_data_json") in html
    assert evreux.reference not in html


@time_machine.travel("2026-05-15 12:00 +0200", tick=False)
def test_a_national_count_under_eleven_is_shown_masked(client):
    cache.clear()
    evreux, _bernay, _caen = two_courts_and_another_departement()
    orders(evreux, 3, paris(2026, 3, 1), heard_after=DAY, decided_after=2 * DAY)
    html = client.get(reverse("directory:find_help")).content.decode()
    assert figure(html, "Ordonnances de protection délivrées") == "&lt; 11"
