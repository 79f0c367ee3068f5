"""Who may open, read and work on a review. Deny by default; every list starts here.

- The procureur of the case's court opens the review of a case closed on a death or a grave
  failure (`cases.choices.REVIEWED_OUTCOMES`), runs it (invites members, writes and follows the
  recommendations, closes it) and sees the reviews of the court.
- A member invited by the parquet (another role of the chain: police, judge, greffe, monitoring
  centre, social workers, health, probation) reads that review, and that review only, marks
  missed opportunities and updates the recommendations its own agency owns.
Everyone else — the perpetrator-side services, the analyst, the auditor, the administrator — sees
no review; the analyst receives the anonymised summary the parquet exports.
"""

from django.db.models import Q

from egide.accounts.models import Membership
from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import REVIEWED_OUTCOMES, CaseStatus
from egide.cases.models import Case

from .models import Recommendation, Review, ReviewMember

OWNER_ROLES = frozenset({Role.PROSECUTOR})
# The roles of the chain around the victim a review may call in (never a perpetrator-side
# service, nor an oversight role).
MEMBER_ROLES = frozenset(
    {
        Role.POLICE_OFFICER,
        Role.ISCG_SOCIAL_WORKER,
        Role.PROSECUTOR,
        Role.JUDGE,
        Role.CLERK,
        Role.MONITORING_OPERATOR,
        Role.MONITORING_SUPERVISOR,
        Role.SOCIAL_REFERENT,
        Role.HEALTH_PROFESSIONAL,
        Role.PROBATION_OFFICER,
    }
)


def _is_owner_role(membership) -> bool:
    return membership is not None and membership.role in OWNER_ROLES


def may_use_reviews(membership) -> bool:
    return membership is not None and membership.role in MEMBER_ROLES


def cases_to_review(membership):
    """The court's cases closed on a death or a grave failure that have no review yet."""
    if not _is_owner_role(membership):
        return Case.objects.none()
    return Case.objects.filter(
        court_id=membership.agency_id,
        status=CaseStatus.CLOSED,
        close_reason__in=REVIEWED_OUTCOMES,
        review__isnull=True,
    )


def visible_reviews(membership):
    """Every review `membership` may open: its court's (parquet) and those it is a member of."""
    if not may_use_reviews(membership):
        return Review.objects.none()
    doors = Q(pk__in=ReviewMember.objects.filter(membership=membership).values("review_id"))
    if _is_owner_role(membership):
        doors |= Q(court_id=membership.agency_id)
    return Review.objects.filter(doors)


def can_open_review(membership, case) -> bool:
    return cases_to_review(membership).filter(pk=case.pk).exists()


def can_manage(membership, review) -> bool:
    """Invite, recommend, close, export: the parquet of the review's court."""
    return _is_owner_role(membership) and review.court_id == membership.agency_id


def can_update(membership, recommendation: Recommendation) -> bool:
    """The parquet, and the members of the agency that owns the recommendation."""
    return can_manage(membership, recommendation.review) or (
        recommendation.owner_id == membership.agency_id
        and visible_reviews(membership).filter(pk=recommendation.review_id).exists()
    )


def invitable(review):
    """The memberships the parquet may invite: the chain's roles in the case's département (and
    the monitoring centres, which serve several), not yet members."""
    return (
        Membership.objects.filter(is_active=True, role__in=MEMBER_ROLES)
        .filter(
            Q(agency__departement=review.case.departement)
            | Q(agency__kind=AgencyKind.MONITORING_CENTRE)
        )
        .exclude(pk__in=review.members.values("membership_id"))
        .select_related("user", "agency")
        .order_by("agency__name", "role", "user__last_name")
    )
