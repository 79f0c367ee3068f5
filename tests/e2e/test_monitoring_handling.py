"""The monitoring centre's working day in the browser: the operator's
home is the live queue, a new SOS rings (until silenced), counts in the tab title and notifies;
the SOS page shows her position on a base map; an alert cannot be closed as "he moved away"
while he is inside the zone; the supervisor sees escalations and who handles what, and
reassigns."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.roles import Role
from egide.monitoring.choices import PRIORITY
from egide.monitoring.models import Incident
from tests.devices.helpers import granted
from tests.factories import MembershipFactory
from tests.monitoring.helpers import open_incident
from tests.monitoring.map_helpers import report

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
EVREUX = (49.0241, 1.1508)
NEAR_EVREUX = (49.0331, 1.1508)  # 1 km north
# Browser notifications as granted by the operator, recorded for the test.
NOTIFICATIONS = """
window.shown = [];
window.Notification = class {
  constructor(title, options) { window.shown.push(title + " | " + options.body); }
  static get permission() { return "granted"; }
  static requestPermission() { return Promise.resolve("granted"); }
};
"""


def sos_on_a_phone_in_evreux():
    case, court, assignment = granted()
    report(assignment.phone, timezone.now() - timedelta(seconds=20), EVREUX)
    return Incident.objects.create(
        kind="sos",
        priority=PRIORITY["sos"],
        device=assignment.phone,
        case=case,
        occurred_at=timezone.now(),
    )


def alert_in_evreux():
    incident = open_incident()
    pairing, now = incident.pairing, timezone.now()
    report(pairing.victim_device, now - timedelta(seconds=40), EVREUX)
    report(pairing.perpetrator_device, now - timedelta(seconds=30), NEAR_EVREUX)
    return incident


def test_a_new_sos_rings_until_silenced_counts_in_the_title_and_notifies(signed_in_page):
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_OPERATOR))
    page.add_init_script(NOTIFICATIONS)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/surveillance/$"))  # the home is the live queue
    expect(page.get_by_text("Aucun incident en cours.")).to_be_visible()
    queue, banner = page.locator("#incident-queue"), page.locator("#incident-alarm")
    expect(queue).to_have_attribute("data-alarm", "quiet")

    sos = sos_on_a_phone_in_evreux()
    expect(banner).to_be_visible(timeout=15_000)  # pushed, no reload
    expect(banner).to_contain_text(f"SOS n° {sos.pk}")
    expect(page).to_have_title(re.compile(r"^\(1\) "))
    expect(queue).to_have_attribute("data-alarm", "ringing")
    expect(queue).to_have_attribute("data-tones", re.compile(r"^([2-9]|\d\d+)$"))  # repeats
    assert page.evaluate("window.shown") == [
        f"Égide : incident à prendre en charge | SOS n° {sos.pk}"
    ]
    expect(page.get_by_text(sos.device.device_id)).to_be_visible()  # the device is named
    check_accessibility(page)

    page.get_by_role("button", name="Couper l'alarme sonore").click()
    expect(queue).to_have_attribute("data-alarm", "quiet")
    expect(banner).to_be_hidden()
    expect(page).to_have_title(re.compile(r"^\(1\) "))  # still waiting, still counted

    alert = alert_in_evreux()
    expect(queue).to_have_attribute("data-alarm", "ringing", timeout=15_000)  # a new one rings
    expect(banner).to_contain_text(f"Alerte n° {alert.pk}")
    expect(page).to_have_title(re.compile(r"^\(2\) "))
    screenshot(page, "monitoring-operator-home")


def test_the_sos_page_shows_her_position_on_the_base_map(signed_in_page):
    sos = sos_on_a_phone_in_evreux()
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_OPERATOR))
    page.goto(f"/surveillance/incidents/{sos.pk}/")
    expect(page.locator("#incident-map")).to_have_attribute("data-drawn", "true")
    expect(page.locator(".egide-map-marker--victim")).to_have_count(1)
    expect(page.locator("#incident-map img.leaflet-tile-loaded").first).to_be_visible()
    expect(page.locator("#incident-device")).to_contain_text(sos.device.device_id)
    expect(page.locator("#map-victim")).to_contain_text("relevée à")
    page.wait_for_timeout(500)  # the remaining tiles
    check_accessibility(page)
    screenshot(page, "monitoring-incident-sos")


def test_an_alert_is_not_closed_as_moved_away_while_he_is_inside(signed_in_page):
    alert = alert_in_evreux()
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_OPERATOR))
    page.goto(f"/surveillance/incidents/{alert.pk}/")
    page.get_by_label("Issue").select_option(label="L'auteur s'est éloigné")
    page.get_by_role("button", name="Clore l'incident").click()
    expect(page.get_by_text("Étapes obligatoires non faites")).to_be_visible()
    page.get_by_role("button", name="Appel à la victime fait").click()
    page.get_by_role("button", name="Envoyer les forces de l'ordre").click()
    expect(page.locator("#still-inside")).to_contain_text("zone de 2000 m")
    page.get_by_label("Issue").select_option(label="L'auteur s'est éloigné")
    page.get_by_role("button", name="Clore l'incident").click()
    expect(page.get_by_text("Il ne s'est pas éloigné")).to_be_visible()
    expect(page.locator("#map-distance")).to_contain_text("mesurée à")
    expect(page.locator("#incident-map")).to_have_attribute("data-drawn", "true")
    page.wait_for_timeout(500)
    check_accessibility(page)
    screenshot(page, "monitoring-incident-alert")
    page.get_by_label("Issue").select_option(label="Intervention des forces de l'ordre")
    page.get_by_text("Je confirme la clôture alors que l'auteur est encore dans la zone").click()
    page.get_by_role("button", name="Clore l'incident").click()
    expect(page.get_by_text("Clos : Intervention des forces de l'ordre")).to_be_visible()


def test_the_supervisor_takes_over_an_escalation_and_reassigns(signed_in_page):
    sos = sos_on_a_phone_in_evreux()
    Incident.objects.filter(pk=sos.pk).update(escalated_at=timezone.now())
    alert = alert_in_evreux()
    colleague = MembershipFactory(role=Role.MONITORING_OPERATOR)
    page = signed_in_page(MembershipFactory(role=Role.MONITORING_SUPERVISOR))
    page.goto("/")
    expect(page.locator("#escalated")).to_contain_text(f"SOS n° {sos.pk}")
    expect(page.locator("#handlers")).to_contain_text("Aucun incident pris en charge.")
    page.get_by_role("button", name="Couper l'alarme sonore").click()
    check_accessibility(page)
    page.locator("#escalated").get_by_role("link", name=f"SOS n° {sos.pk}").click()
    page.get_by_label("Confier l'incident à").select_option(value=str(colleague.user_id))
    page.get_by_role("button", name="Réattribuer").click()
    expect(page.locator("#incident-handler")).to_have_text(colleague.user.get_full_name())
    page.goto("/")
    expect(page.locator("#handlers")).to_contain_text(colleague.user.get_full_name())
    expect(page.locator("#handlers")).to_contain_text(f"SOS n° {sos.pk}")
    expect(page.locator(f"tr[data-incident='{alert.pk}']")).to_be_visible()
    screenshot(page, "monitoring-supervisor-home")
