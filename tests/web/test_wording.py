"""Wording a user notices: plurals, durations and ages in words, a choice asked for in words,
confirmations on the page they concern, refused forms summarised at the top, dates in English."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import AgencyKind, Role
from egide.web.templatetags.egide_tags import ago, duration, places_free
from tests.cases.factories import CaseFactory
from tests.cases.sharing_helpers import referral_for
from tests.factories import AgencyFactory, MembershipFactory
from tests.support.factories import shelter

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


def test_durations_and_ages_read_in_words():
    assert duration(889) == "14 min 49 s"
    assert duration(42) == "42 s"
    assert duration(7260) == "2 h 01 min"
    assert ago(timezone.now() - datetime.timedelta(seconds=20)) == "à l'instant"
    assert ago(timezone.now() - datetime.timedelta(minutes=3, seconds=5)) == "il y a 3\xa0minutes"
    assert (places_free(1), places_free(3)) == ("1 place libre", "3 places libres")


def referent_case():
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT)
    case = CaseFactory()
    referral_for(case, agency=referent.agency, role=Role.SOCIAL_REFERENT)
    return referent, case


def test_shelter_choices_use_plurals_and_no_dashes(sign_in_as):
    referent, case = referent_case()
    shelter(operator=AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR), capacity=1)
    shelter(operator=AgencyFactory(kind=AgencyKind.SHELTER_OPERATOR), capacity=3)
    html = sign_in_as(referent).get(reverse("support:places_request", args=[case.pk])).content
    html = html.decode()
    assert "1 place libre<" in html and "3 places libres<" in html
    assert "place(s)" not in html
    assert "---------" not in html
    assert "Sélectionner une option" in html


@time_machine.travel(NOW, tick=False)
def test_the_confirmation_shows_on_the_page_it_concerns(sign_in_as):
    referent, case = referent_case()
    client = sign_in_as(referent)
    url = reverse("support:plan", args=[case.pk])
    data = {
        "area": "caf",
        "description": "Ouvrir les droits",
        "partner": AgencyFactory(kind=AgencyKind.CAF).pk,
        "target_date": "2026-04-01",
    }
    page = client.post(url, data, follow=True).content.decode()
    assert "Le besoin est ajouté au plan." in page


@time_machine.travel(NOW, tick=False)
def test_a_refused_form_is_summarised_at_the_top(sign_in_as):
    referent, case = referent_case()
    url = reverse("support:plan", args=[case.pk])
    data = {"area": "caf", "description": "", "partner": "", "target_date": "2026-01-01"}
    page = sign_in_as(referent).post(url, data).content.decode()
    summary = page.index('id="error-summary"')
    assert summary < page.index("<h1")
    top = page[summary : page.index("<h1")]
    assert "3 erreurs" in top
    assert re.search(r'href="#id_target_date">Échéance : L&#x27;échéance est déjà passée', top)


@time_machine.travel(NOW, tick=False)
def test_english_pages_keep_day_first_dates(sign_in_as):
    referent, case = referent_case()
    sign_in_as(referent).get(case.get_absolute_url())  # an audited read
    auditor = sign_in_as(MembershipFactory(role=Role.AUDITOR, agency=referent.agency))
    auditor.cookies["django_language"] = "en"
    page = auditor.get(reverse("audit:log"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in page
    assert "10/03/2026 09:00" in page or "10/03/2026 10:00" in page
    assert "03/10/2026" not in page and "a.m." not in page
