"""The parquet or judge orders a programme on a case of its court; the CPCA of the case's
département receives it. Refused orders change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import PersonRole
from egide.errors import RuleError
from egide.perpetrators import programmes
from egide.perpetrators.choices import LegalBasis
from egide.perpetrators.models import ProgrammeOrder
from tests.factories import AgencyFactory, MembershipFactory, acting

from .helpers import court_member, cpca_agency, cpca_member, ordered, victim_case

pytestmark = pytest.mark.django_db


def order_data(case, **changes):
    return {
        "person": case.perpetrator,
        "case": case,
        "cpca": cpca_agency(case.departement),
        "ordering_agency": case.court,
        "basis": LegalBasis.ALTERNATIVE_COURSE,
        "ordered_on": timezone.localdate(),
        **changes,
    }


def test_the_procureur_orders_from_the_case_page_and_the_cpca_of_the_departement_gets_it(
    sign_in_as,
):
    case = victim_case()
    cpca = cpca_member()
    AgencyFactory(kind=AgencyKind.CPCA, departement="76", name="CPCA de Seine-Maritime")
    client = sign_in_as(court_member(case))
    detail = client.get(case.get_absolute_url()).content.decode()
    url = reverse("perpetrators:order_programme", args=[case.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert cpca.agency.name in page and "CPCA de Seine-Maritime" not in page
    assert "41-1 2°" in page and "132-45" not in page  # the parquet's own bases
    response = client.post(
        url,
        {
            "person": case.perpetrator.pk,
            "cpca": cpca.agency.pk,
            "basis": LegalBasis.ALTERNATIVE_COURSE,
            "ordered_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    order = ProgrammeOrder.objects.get()
    assert (order.cpca, order.ordering_role) == (cpca.agency, Role.PROSECUTOR)
    assert case.timeline.filter(kind="programme_ordered").exists()
    home = sign_in_as(cpca).get(reverse("perpetrators:programmes")).content.decode()
    assert "Marchand Thierry" in home


def test_the_judge_orders_on_the_judges_bases_and_the_greffe_gets_no_link(sign_in_as):
    case = victim_case()
    cpca_member()
    judge_client = sign_in_as(court_member(case, Role.JUDGE))
    page = judge_client.get(reverse("perpetrators:order_programme", args=[case.pk]))
    assert "132-45" in page.content.decode() and "41-1 2°" not in page.content.decode()
    greffe = sign_in_as(court_member(case, Role.CLERK))
    detail = greffe.get(case.get_absolute_url()).content.decode()
    assert reverse("perpetrators:order_programme", args=[case.pk]) not in detail


def test_a_bad_order_form_is_refused_with_400_and_changes_nothing(sign_in_as):
    case = victim_case()
    cpca_member()
    client = sign_in_as(court_member(case))
    url = reverse("perpetrators:order_programme", args=[case.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "person": case.perpetrator.pk,
            "cpca": cpca_agency().pk,
            "basis": LegalBasis.ALTERNATIVE_COURSE,
            "ordered_on": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "dans le futur" in response.content.decode()
    assert not ProgrammeOrder.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"basis": LegalBasis.PROBATION}, "qualité"),
        ({"ordered_on": datetime.date(2099, 1, 1)}, "futur"),
    ],
)
def test_the_service_refuses_a_basis_or_date_that_does_not_fit(change, message):
    case = victim_case()
    with pytest.raises(RuleError, match=message):
        programmes.order_programme(acting(court_member(case)), **order_data(case, **change))
    assert not ProgrammeOrder.objects.exists()


def test_the_service_refuses_a_cpca_elsewhere_and_a_person_who_is_not_the_perpetrator():
    case = victim_case()
    actor = acting(court_member(case))
    with pytest.raises(RuleError, match="département du dossier"):
        programmes.order_programme(actor, **order_data(case, cpca=cpca_agency("76")))
    victim = case.people.get(role=PersonRole.VICTIM)
    with pytest.raises(RuleError, match="auteur"):
        programmes.order_programme(actor, **order_data(case, person=victim))
    assert not ProgrammeOrder.objects.exists()


def test_only_the_cases_court_and_the_ordering_agency_may_order():
    case = victim_case()
    elsewhere = victim_case("76")
    with pytest.raises(PermissionDenied):
        programmes.order_programme(acting(court_member(elsewhere)), **order_data(case))
    for role in (Role.CLERK, Role.POLICE_OFFICER, Role.CPCA_WORKER):
        member = MembershipFactory(role=role, agency=case.court)
        with pytest.raises(PermissionDenied):
            programmes.order_programme(acting(member), **order_data(case))
    assert not ProgrammeOrder.objects.exists()


def test_the_spip_of_the_court_orders_on_probation_and_an_obligation_is_ordered_once():
    case = victim_case()
    spip = MembershipFactory(
        role=Role.PROBATION_OFFICER,
        agency=AgencyFactory(kind=AgencyKind.PROBATION, departement="27", court=case.court),
    )

    class Obligation:
        pk = 42

    data = order_data(case, ordering_agency=spip.agency, basis=LegalBasis.PROBATION)
    order = programmes.order_programme(acting(spip), **data, obligation=Obligation())
    assert order.obligation_reference == "42"
    assert order.ordering_role == Role.PROBATION_OFFICER
    with pytest.raises(RuleError, match="obligation"):
        programmes.order_programme(acting(spip), **data, obligation=Obligation())
    assert ProgrammeOrder.objects.count() == 1


def test_an_order_without_obligation_keeps_no_reference():
    assert ordered().order.obligation_reference == ""
