"""The case file's views, for the cross-domain "anonymous and outsiders are refused" test.

Each case-scoped URL gets a case opened by a police unit of département 27: only that unit's
officers may use it (a procureur of another court, an ISCG without referral… are outsiders).
"""

from egide.accounts.roles import Role
from egide.cases.choices import DocumentKind, ReferralStatus, ShareScope

from .factories import CaseFactory, SupportCaseFactory


def case_kwargs() -> dict:
    return {"pk": CaseFactory().pk}


def person_kwargs() -> dict:
    case = CaseFactory()
    return {"pk": case.pk, "person_pk": case.victim.pk}


def consent_kwargs() -> dict:
    from .sharing_helpers import consent_for

    consent = consent_for(CaseFactory())
    return {"pk": consent.case_id, "consent_pk": consent.pk}


def referral_kwargs() -> dict:
    from .sharing_helpers import referral_for

    referral = referral_for(CaseFactory())
    return {"pk": referral.case_id, "referral_pk": referral.pk}


def incoming_referral_kwargs() -> dict:
    from .sharing_helpers import referral_for

    referral = referral_for(CaseFactory(), status=ReferralStatus.SENT, scope=ShareScope.WHOLE_FILE)
    return {"referral_pk": referral.pk}


def document_kwargs() -> dict:
    from egide.cases.models import Document

    case = CaseFactory()
    document = Document.objects.create(
        case=case,
        kind=DocumentKind.PHOTO,
        original_name="photo.jpg",
        stored_name=f"outsider-{case.pk}",
        content_type="image/jpeg",
        size=0,
        sha256="0" * 64,
    )
    return {"pk": case.pk, "document_pk": document.pk}


def support_case_kwargs() -> dict:
    return {"pk": SupportCaseFactory().pk}


def police(name, kwargs_factory=case_kwargs, method="get", **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": Role.POLICE_OFFICER,
        "public": False,
        "method": method,
        **extra,
    }


def any_staff(name) -> dict:
    """Pages any member may open: they list only what the member may see, or refuse in-view."""
    return {"name": name, "kwargs_factory": dict, "allowed_role": None, "public": False}


VIEWS = [
    any_staff("cases:list"),
    any_staff("cases:referrals"),
    any_staff("cases:break_glass"),
    police("cases:open", kwargs_factory=dict, territorial=False),
    police("cases:open_check", kwargs_factory=dict, territorial=False, method="post"),
    police("cases:detail"),
    police("cases:print"),
    police("cases:incident_add"),
    police("cases:person_add"),
    police("cases:person_edit", person_kwargs),
    police("cases:relationship_edit"),
    police("cases:safe_contact_edit"),
    police("cases:masking_edit"),
    police("cases:close", method="post"),
    police("cases:supervise", method="post"),
    police("cases:reopen", method="post"),
    police("cases:document_add", method="post"),
    police("cases:document_download", document_kwargs),
    police("cases:notes"),
    police("cases:evidence"),
    police("cases:merge"),
    police("cases:release_add"),
    {
        "name": "cases:open_support",
        "kwargs_factory": dict,
        "allowed_role": Role.SOCIAL_REFERENT,
        "also_allowed": {Role.HEALTH_PROFESSIONAL, Role.ISCG_SOCIAL_WORKER},
        "public": False,
        "territorial": False,
    },
    {
        "name": "cases:transfer",
        "kwargs_factory": support_case_kwargs,
        "allowed_role": Role.SOCIAL_REFERENT,
        "public": False,
    },
    police("cases:sharing"),
    police("cases:consent_add", method="post"),
    police("cases:consent_withdraw", consent_kwargs, method="post"),
    police("cases:referral_send", method="post"),
    police("cases:referral_revoke", referral_kwargs, method="post"),
    {
        "name": "cases:referral_decide",
        "kwargs_factory": incoming_referral_kwargs,
        "allowed_role": Role.ISCG_SOCIAL_WORKER,
        "public": False,
        "method": "post",
    },
]
