"""What reviews add to other apps' pages: the parquet's worklist of reviews to open and run, and
the link from a case's page to its review."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egide.cases import page_links
from egide.cases.choices import REVIEWED_OUTCOMES
from egide.web import worklists

from . import perms
from .choices import ReviewStatus


def reviews_to_run(request) -> worklists.Worklist | None:
    """The court's cases closed on a death or a grave failure, and its reviews still open."""
    to_open = perms.cases_to_review(request.membership).order_by("-closed_at")[:10]
    running = perms.visible_reviews(request.membership).filter(status=ReviewStatus.OPEN)
    items = [
        worklists.Item(
            case.reference,
            reverse("reviews:list"),
            _("Revue à ouvrir : %(reason)s") % {"reason": case.get_close_reason_display()},
        )
        for case in to_open
    ]
    items += [
        worklists.Item(review.case.reference, review.get_absolute_url(), _("Revue en cours"))
        for review in running.select_related("case")[:10]
    ]
    if not items:
        return None
    return worklists.Worklist(
        title=_("Revues de défaillances"), items=items, url=reverse("reviews:list")
    )


def review_link(membership, case) -> page_links.CaseLink | None:
    """On a case closed on a death or a grave failure: its review, for who may read it; opening
    it, for the parquet that may and finds none. Nothing for anyone else, not even whether a
    review exists."""
    if case.close_reason not in REVIEWED_OUTCOMES or not perms.may_use_reviews(membership):
        return None
    review = perms.visible_reviews(membership).filter(case=case).first()
    if review is not None:
        return page_links.CaseLink(_("Revue de défaillances"), review.get_absolute_url())
    if perms.can_open_review(membership, case):
        url = reverse("reviews:open", args=[case.pk])
        return page_links.CaseLink(_("Ouvrir la revue de défaillances"), url, post=True)
    return None


def register() -> None:
    worklists.providers.register(reviews_to_run, *perms.MEMBER_ROLES)
    page_links.providers.register(review_link)
