"""The parquet and the judges record custody, decisions and their obligations on the case."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Agency
from egide.accounts.roles import AgencyKind, Role
from egide.criminal import services
from egide.criminal.choices import CustodyOutcome, ObligationKind, StageKind
from egide.criminal.models import Obligation, Stage
from egide.criminal.services import ObligationData
from egide.errors import RuleError
from egide.perpetrators.choices import LegalBasis
from egide.perpetrators.models import ProgrammeOrder
from egide.perpetrators.perms import cpca_orders
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, acting, agency_for_role
from tests.justice.helpers import court_member

from .helpers import CONTACT_BAN, CPCA, EVICTION, prosecutor, supervised_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_custody_then_supervision_records_obligations_with_article_authority_and_timeline():
    case = CaseFactory()
    actor = prosecutor(case)
    services.record_stage(
        actor,
        case,
        kind=StageKind.CUSTODY,
        starts_on=TODAY - timedelta(days=1),
        ends_on=TODAY,
        custody_outcome=CustodyOutcome.JUDICIAL_SUPERVISION,
    )
    supervised_case(case)
    obligations = {o.kind: o for o in Obligation.objects.filter(case=case)}
    assert set(obligations) == {"contact_ban", "eviction", "cpca_course"}
    ban = obligations["contact_ban"]
    assert ban.article.startswith("CPP art. 138 9°")
    assert ban.ordering_agency == case.court and ban.ordering_role == Role.PROSECUTOR
    assert obligations["eviction"].latitude is not None
    kinds = list(case.timeline.values_list("kind", flat=True))
    assert kinds.count("criminal_stage") == 2 and kinds.count("criminal_obligation") == 3


def test_a_custody_that_ended_needs_its_outcome_and_nothing_is_stored():
    case = CaseFactory()
    with pytest.raises(RuleError):
        services.record_stage(
            prosecutor(case), case, kind=StageKind.CUSTODY, starts_on=TODAY, ends_on=TODAY
        )
    assert not Stage.objects.exists()


def test_obligations_belong_to_supervision_probation_or_alternatives_only():
    case = CaseFactory()
    with pytest.raises(RuleError):
        services.record_stage(
            prosecutor(case),
            case,
            kind=StageKind.TRIAL,
            starts_on=TODAY,
            trial_mode="immediate",
            obligations=[CONTACT_BAN],
        )
    assert not Stage.objects.exists()


def test_a_contact_ban_names_its_persons_and_a_place_ban_is_located():
    case = CaseFactory()
    unlocated = ObligationData(ObligationKind.PLACE_BAN, place_label="École")
    with pytest.raises(RuleError) as refusal:
        supervised_case(case, obligations=[ObligationData(ObligationKind.CONTACT_BAN), unlocated])
    assert len(refusal.value.messages) == 2
    assert not Obligation.objects.exists()


def test_only_the_parquet_and_judges_of_the_court_record():
    case = CaseFactory()
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    other_court = MembershipFactory(role=Role.PROSECUTOR)
    for member in (officer, other_court):
        with pytest.raises(PermissionDenied):
            services.record_stage(
                acting(member), case, kind=StageKind.ALTERNATIVE_MEASURE, starts_on=TODAY
            )
    judge = acting(court_member(case, Role.JUDGE))
    services.record_stage(judge, case, kind=StageKind.JUDICIAL_SUPERVISION, starts_on=TODAY)


def test_a_cpca_course_obligation_reaches_the_cpca_of_the_departement_as_an_order():
    cpca = MembershipFactory(role=Role.CPCA_WORKER, agency=agency_for_role(Role.CPCA_WORKER, "27"))
    case = supervised_case(obligations=[CONTACT_BAN, CPCA])
    course = Obligation.objects.get(case=case, kind=ObligationKind.CPCA_COURSE)
    order = cpca_orders(cpca).get()
    assert (order.case, order.person, order.basis) == (
        case,
        case.perpetrator,
        LegalBasis.JUDICIAL_SUPERVISION,
    )
    assert order.obligation_reference == str(course.pk)
    assert order.ordering_agency == course.ordering_agency


def test_a_departement_without_a_cpca_keeps_the_obligation_and_orders_nothing():
    Agency.objects.filter(kind=AgencyKind.CPCA).update(is_active=False)
    case = supervised_case(obligations=[CPCA])
    assert Obligation.objects.filter(case=case, kind=ObligationKind.CPCA_COURSE).exists()
    assert not ProgrammeOrder.objects.filter(case=case).exists()


def test_the_procureur_records_the_supervision_from_the_page_and_the_case_page_shows_it(
    sign_in_as,
):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.PROSECUTOR))
    response = client.post(
        reverse("criminal:stage_add", args=[case.pk]),
        {
            "kind": StageKind.JUDICIAL_SUPERVISION,
            "starts_on": TODAY.isoformat(),
            "contact_ban": "on",
            "contact_persons": "La victime",
            "eviction": "on",
            "cpca_course": "on",
        },
    )
    assert response.status_code == 302
    assert Obligation.objects.filter(case=case).count() == 3
    page = client.get(case.get_absolute_url()).content.decode()
    assert "criminal-panel" in page and "CPP art. 138 17°" in page


def test_a_refused_decision_shows_the_error_and_changes_nothing(sign_in_as):
    case = CaseFactory()
    client = sign_in_as(court_member(case, Role.JUDGE))
    response = client.post(
        reverse("criminal:stage_add", args=[case.pk]),
        {
            "kind": StageKind.ALTERNATIVE_MEASURE,
            "starts_on": TODAY.isoformat(),
            "weapons_ban": "on",
        },
    )
    assert response.status_code == 400
    assert "ne peut pas ordonner cette obligation" in response.content.decode()
    assert not Stage.objects.exists()


def test_the_greffe_and_the_police_read_the_obligations_but_not_the_release_dates(sign_in_as):
    case = supervised_case(obligations=[EVICTION])
    services.record_release(prosecutor(case), case, kind="release", on=TODAY + timedelta(days=9))
    officer = MembershipFactory(role=Role.POLICE_OFFICER, agency=case.opening_agency)
    for member in (court_member(case, Role.CLERK), officer):
        page = sign_in_as(member).get(reverse("criminal:case", args=[case.pk])).content.decode()
        assert "CPP art. 138 17°" in page
        assert "Sorties de détention" not in page
        assert f"{TODAY + timedelta(days=9):%d/%m/%Y}" not in page
