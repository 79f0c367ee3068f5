"""The operations of a review. Each checks who acts and the rules, writes, and records the
audit entry; reading a review is recorded too, flagged to the auditor like a break-glass read,
since a review shows the whole multi-agency history of a case."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import record
from egide.errors import RuleError

from . import perms, timeline
from .choices import ENDED_RECOMMENDATIONS, RecommendationStatus, ReviewStatus
from .lines import Line
from .models import Mark, Recommendation, Review, ReviewMember

# What a reader of a review is shown, named for the audit entry (never the values).
REVIEW_FIELDS = ["timeline", "audit_reads", "marks", "recommendations", "members"]


def _managing(actor: Actor, review: Review) -> None:
    if not perms.can_manage(actor.membership, review):
        raise PermissionDenied


def _still_open(review: Review) -> None:
    if not review.is_open:
        raise RuleError(_("La revue est close."))


@transaction.atomic
def open_review(actor: Actor, case) -> Review:
    if not perms.can_open_review(actor.membership, case):
        raise PermissionDenied
    review = Review.objects.create(case=case, court=case.court, opened_by=actor.user)
    record(actor, Action.CREATE, review, fields=["case", "court"])
    return review


def read_review(actor: Actor, review: Review) -> list[Line]:
    """The timeline as the records tell it now; the read is recorded and flagged."""
    lines = timeline.reconstruct(review.case)
    record(actor, Action.READ, review, fields=REVIEW_FIELDS, flagged=True)
    return lines


@transaction.atomic
def invite(actor: Actor, review: Review, membership) -> ReviewMember:
    _managing(actor, review)
    _still_open(review)
    if not perms.invitable(review).filter(pk=membership.pk).exists():
        raise RuleError(_("Ce membre ne peut pas être invité à cette revue."))
    member = ReviewMember.objects.create(
        review=review, membership=membership, invited_by=actor.user
    )
    record(actor, Action.CREATE, member, fields=["membership"], flagged=True)
    return member


@transaction.atomic
def mark_line(actor: Actor, review: Review, line_key: str, comment: str) -> Mark:
    """A reviewer marks a line of the timeline as a missed opportunity, with a comment."""
    if not perms.visible_reviews(actor.membership).filter(pk=review.pk).exists():
        raise PermissionDenied
    _still_open(review)
    if line_key not in {line.key for line in timeline.reconstruct(review.case)}:
        raise RuleError(_("Cette ligne n'est pas dans la chronologie de la revue."))
    mark, _created = Mark.objects.update_or_create(
        review=review,
        line_key=line_key,
        defaults={
            "comment": comment,
            "author": actor.user,
            "agency": actor.agency,
            "marked_at": timezone.now(),
        },
    )
    record(actor, Action.UPDATE, review, fields=["marks"])
    return mark


@transaction.atomic
def recommend(actor: Actor, review: Review, *, text, theme, owner, due_on) -> Recommendation:
    _managing(actor, review)
    _still_open(review)
    recommendation = Recommendation.objects.create(
        review=review, text=text, theme=theme, owner=owner, due_on=due_on, created_by=actor.user
    )
    record(actor, Action.CREATE, recommendation, fields=["text", "theme", "owner", "due_on"])
    return recommendation


@transaction.atomic
def update_recommendation(
    actor: Actor, recommendation: Recommendation, *, status: str, drop_reason: str = ""
) -> Recommendation:
    """Moves a recommendation on; dropping one needs a reason."""
    if not perms.can_update(actor.membership, recommendation):
        raise PermissionDenied
    _still_open(recommendation.review)
    if status == RecommendationStatus.DROPPED and not drop_reason.strip():
        raise RuleError(_("Dites pourquoi la recommandation est abandonnée."))
    recommendation.status = status
    recommendation.drop_reason = (
        drop_reason.strip() if status == RecommendationStatus.DROPPED else ""
    )
    recommendation.ended_at = timezone.now() if status in ENDED_RECOMMENDATIONS else None
    recommendation.save(update_fields=["status", "drop_reason", "ended_at"])
    record(actor, Action.UPDATE, recommendation, fields=["status", "drop_reason"])
    return recommendation


@transaction.atomic
def close_review(actor: Actor, review: Review) -> Review:
    """Closed once it has recommendations and every one is done or dropped with its reason."""
    _managing(actor, review)
    _still_open(review)
    recommendations = review.recommendations.all()
    if not recommendations.exists():
        raise RuleError(_("Une revue se clôt sur au moins une recommandation."))
    if recommendations.exclude(status__in=ENDED_RECOMMENDATIONS).exists():
        raise RuleError(
            _(
                "Chaque recommandation doit être faite, ou abandonnée avec son motif, "
                "avant la clôture."
            )
        )
    review.status, review.closed_at = ReviewStatus.CLOSED, timezone.now()
    review.save(update_fields=["status", "closed_at"])
    record(actor, Action.UPDATE, review, fields=["status"])
    return review


def export_summary(actor: Actor, review: Review) -> None:
    """Records the export of the anonymised summary (the parquet hands it to the analyst)."""
    _managing(actor, review)
    record(actor, Action.EXPORT, review, fields=["anonymised_summary"], flagged=True)
