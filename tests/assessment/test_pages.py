"""An officer runs an assessment from a case, reads the result, overrides, prints her summary."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from egide.assessment import services
from egide.assessment.models import Assessment, Override
from tests.factories import MembershipFactory

from .helpers import acting, first_ids, grid, lap, officer_and_case, record, sheet

pytestmark = pytest.mark.django_db


def form_data(instrument, yes=(), **extra):
    data = {f"item_{item_id}": answer for item_id, answer in sheet(instrument, yes=yes).items()}
    return {**data, **extra}


def test_the_case_page_offers_every_current_instrument(sign_in_as):
    officer, case = officer_and_case()
    page = sign_in_as(officer).get(reverse("assessment:case", args=[case.pk]))
    assert page.status_code == 200
    for instrument_id in ("fr-police-grid", "lap-lethality-screen", "safelives-dash"):
        assert reverse("assessment:run", args=[case.pk, instrument_id]) in page.text


def test_the_form_marks_red_and_reconstructed_questions(sign_in_as):
    officer, case = officer_and_case()
    page = sign_in_as(officer).get(reverse("assessment:run", args=[case.pk, "fr-police-grid"]))
    assert page.text.count("Question rouge") == 5
    assert page.text.count("Question reconstituée") == 9
    assert "PAS la grille officielle" in page.text


def test_running_the_lap_screen_shows_a_high_danger_result_with_its_path(sign_in_as):
    officer, case = officer_and_case()
    client = sign_in_as(officer)
    url = reverse("assessment:run", args=[case.pk, "lap-lethality-screen"])
    response = client.post(url, form_data(lap(), yes=["q2"], victim_fear="9"))
    assessment = Assessment.objects.get(case=case)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Élevé" in page.text
    assert "« Oui » à au moins une des questions 1 à 3 — ici : 1" in page.text
    assert "Téléphone grave danger" in page.text
    assert "appelez sur place une ligne d&#x27;écoute" in page.text
    assert assessment.victim_fear == 9


def test_an_unanswered_question_is_an_error_and_records_nothing(sign_in_as):
    officer, case = officer_and_case()
    data = form_data(lap())
    del data["item_q5"]
    url = reverse("assessment:run", args=[case.pk, "lap-lethality-screen"])
    response = sign_in_as(officer).post(url, data)
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_a_downgrade_through_the_page_waits_for_a_colleague(sign_in_as, client):
    officer, case = officer_and_case()
    answers = sheet(grid(), yes=first_ids(grid(), 2, red=True))
    assessment = record(officer, case, grid(), answers=answers)
    reason = "Les faits rouges sont anciens et l'auteur est incarcéré."
    sign_in_as(officer).post(
        reverse("assessment:override", args=[assessment.pk]), {"level": "medium", "reason": reason}
    )
    assert Override.objects.get().awaiting_sign_off
    colleague = MembershipFactory(role=officer.role, agency=officer.agency)
    client.logout()
    sign_in_as(colleague).post(
        reverse("assessment:sign_off", args=[assessment.pk]), {"approve": "yes"}
    )
    assert Assessment.objects.get(pk=assessment.pk).final_level == "medium"


def test_a_downgrade_on_a_raise_only_instrument_is_refused_on_the_page(sign_in_as):
    officer, case = officer_and_case()
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    response = sign_in_as(officer).post(
        reverse("assessment:override", args=[assessment.pk]),
        {"level": "standard", "reason": "Elle ne veut pas de mesure."},
    )
    assert response.status_code == 400
    assert not Override.objects.exists()


def test_the_victim_summary_carries_nothing_about_the_perpetrator(sign_in_as):
    officer, case = officer_and_case()
    reason = "Son conjoint Jean Dupont a une arme de chasse."
    assessment = record(officer, case, lap(), answers=sheet(lap(), yes=["q4"]))
    services.record_override(acting(officer), assessment, level="high", reason=reason)
    page = sign_in_as(officer).get(reverse("assessment:victim_summary", args=[assessment.pk]))
    assert "Vos réponses montrent que vous êtes en danger" in page.text
    assert "3919" in page.text
    assert "Dupont" not in page.text
    assert "arme de chasse" not in page.text
    assert '<style media="print">' in page.text


def test_the_case_panel_shows_level_deadline_and_measures(rf):
    officer, case = officer_and_case()
    record(officer, case, lap(), answers=sheet(lap(), yes=["q1"]))
    html = render_to_string(
        "assessment/case_panel.html", {"case": case, "membership": officer}, request=rf.get("/")
    )
    assert "Élevé" in html
    assert "Prochaine réévaluation avant le" in html
    assert "Demande d&#x27;ordonnance provisoire de protection immédiate" in html
    assert reverse("assessment:case", args=[case.pk]) in html
