"""The auditor checks who read a case: searches by its reference, reads objects in words on a
1,280 px screen without horizontal scrolling, and exports the result as CSV."""

import pytest

from egide.accounts.actor import Actor
from egide.accounts.roles import Role
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from egide.audit.services import record
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, UserFactory

from .browser import check_accessibility, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_auditor_finds_who_read_a_case_and_exports_it(signed_in_page):
    case = CaseFactory()
    record(
        Actor(user=UserFactory(username="lecteur.a")), Action.READ, case, fields=["hidden_address"]
    )
    record(Actor(user=UserFactory(username="lecteur.b")), Action.READ, CaseFactory())
    page = signed_in_page(MembershipFactory(role=Role.AUDITOR))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/audit/")
    page.get_by_label("Référence du dossier").fill(case.reference)
    page.get_by_role("button", name="Rechercher", exact=True).click()
    table = page.locator("table")
    assert table.get_by_text(f"Dossier n° {case.pk}").count() == 1
    assert table.get_by_text("lecteur.a").count() == 1
    assert table.get_by_text("lecteur.b").count() == 0
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    check_accessibility(page)
    screenshot(page, "auditor-log-search")

    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter en CSV").click()
    content = download.value.path().read_text(encoding="utf-8")
    assert "lecteur.a" in content and "lecteur.b" not in content
    assert AuditEntry.objects.filter(action=Action.EXPORT).count() == 1
