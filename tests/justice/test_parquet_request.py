"""After a high-danger grid the officer asks the parquet (TGD, OPPI, OP); the
request lands on the procureur's board with the assessment attached."""

import html

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.justice.models import ParquetRequest
from tests.assessment.helpers import first_ids, grid, officer_and_case, record, sheet

from .helpers import court_member

pytestmark = pytest.mark.django_db


def page_of(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


@pytest.fixture
def high_danger():
    officer, case = officer_and_case()
    answers = sheet(grid(), yes=first_ids(grid(), 2, red=True))
    assessment = record(officer, case, grid(), answers=answers)
    return officer, case, assessment


def test_the_officer_acts_on_must_be_proposed_and_the_procureur_receives_it(
    sign_in_as, high_danger
):
    officer, case, assessment = high_danger
    client = sign_in_as(officer)
    result = page_of(client.get(assessment.get_absolute_url()))
    url = reverse("justice:parquet_request", args=[case.pk])
    assert "Demander au parquet" in result and url in result

    form = page_of(client.get(f"{url}?m=tgd&m=oppi_request"))
    assert 'value="tgd"' in form and 'value="oppi_request"' in form
    refused = client.post(url, {"kinds": ["tgd"], "reasons": ""})
    assert refused.status_code == 400 and not ParquetRequest.objects.exists()
    sent = client.post(url, {"kinds": ["tgd", "oppi_request"], "reasons": "Menaces de mort"})
    assert sent.status_code == 302
    assert set(ParquetRequest.objects.values_list("kind", "assessment")) == {
        ("tgd", assessment.pk),
        ("oppi_request", assessment.pk),
    }

    prosecutor = sign_in_as(court_member(case, Role.PROSECUTOR))
    home = page_of(prosecutor.get(reverse("web:home")))
    assert (
        f"Demande des enquêteurs : Téléphone grave danger (art. 41-3-1 CPP) — {case.reference}"
        in home
    )
    file = page_of(prosecutor.get(reverse("justice:case", args=[case.pk])))
    assert assessment.get_absolute_url() in file and "Menaces de mort" in file
    first = ParquetRequest.objects.get(kind="tgd")
    answer = reverse("justice:parquet_request_answer", args=[first.pk])
    assert prosecutor.post(answer).status_code == 302
    home = page_of(prosecutor.get(reverse("web:home")))
    assert "Demande des enquêteurs : Téléphone grave danger" not in home
    assert "Demande des enquêteurs : OPPI" in home


def test_the_judge_does_not_get_the_officers_requests(sign_in_as, high_danger):
    officer, case, assessment = high_danger
    sign_in_as(officer).post(
        reverse("justice:parquet_request", args=[case.pk]),
        {"kinds": ["op"], "reasons": "Danger"},
    )
    home = page_of(sign_in_as(court_member(case, Role.JUDGE)).get(reverse("web:home")))
    assert "Demande des enquêteurs" not in home
