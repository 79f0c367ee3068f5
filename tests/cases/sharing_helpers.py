"""Consent and referral builders for tests: the recipient is an ISCG agency of département 27."""

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import ReferralStatus, ShareScope
from egide.cases.models import ConsentRecord, Referral
from tests.factories import AgencyFactory, UserFactory


def consent_for(case, agency=None, scope=ShareScope.WHOLE_FILE) -> ConsentRecord:
    return ConsentRecord.objects.create(
        case=case,
        agency=agency or AgencyFactory(kind=AgencyKind.GENDARMERIE),
        scope=scope,
        recorded_by=UserFactory(),
        recorded_agency=case.opening_agency,
    )


def referral_for(
    case,
    agency=None,
    role=Role.ISCG_SOCIAL_WORKER,
    status=ReferralStatus.ACCEPTED,
    scope=ShareScope.WHOLE_FILE,
) -> Referral:
    consent = consent_for(case, agency, scope)
    return Referral.objects.create(
        case=case,
        to_agency=consent.agency,
        to_role=role,
        scope=scope,
        status=status,
        consent=consent,
        sent_by=consent.recorded_by,
        from_agency=case.opening_agency,
    )
