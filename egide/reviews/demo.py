"""Demo data of reviews of failings: the procureur of Évreux reviews the court's case most
recently closed on a death or a grave failure, with the Évreux police officer and the CIDFF's
social referent invited, a missed opportunity marked on its first incident and two
recommendations, one for the unit that opened the case and one for the CIDFF. Everything goes
through the services. Idempotent: the court's review is made once."""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role

from . import perms, services, timeline
from .choices import RecommendationStatus, Theme
from .models import Review

COURT = "tj_evreux"
MEMBERS = ((Role.POLICE_OFFICER, "police_evreux"), (Role.SOCIAL_REFERENT, "cidff_eure"))
MARK = "Fait révélé sans évaluation du danger ni orientation vers une association."
RECOMMENDATIONS = (
    (
        "Évaluer le danger dès le premier fait révélé, quel que soit le canal de révélation, "
        "et programmer sa réévaluation.",
        Theme.ASSESSMENT,
        None,  # the unit that opened the case
        60,
        RecommendationStatus.IN_PROGRESS,
    ),
    (
        "Proposer à chaque victime un accompagnement par le CIDFF, avec son accord, dès le "
        "premier fait révélé, et en informer le service enquêteur.",
        Theme.INFORMATION_SHARING,
        "cidff_eure",
        90,
        RecommendationStatus.OPEN,
    ),
)


def populate(context) -> None:
    prosecutor = context.acting(Role.PROSECUTOR, COURT)
    if Review.objects.filter(court=context.agencies[COURT]).exists():
        return
    case = (
        perms.cases_to_review(prosecutor.membership)
        .filter(closed_at__lte=timezone.now())
        .order_by("-closed_at")
        .first()
    )
    if case is None:
        return
    review = services.open_review(prosecutor, case)
    for role, agency_key in MEMBERS:
        services.invite(prosecutor, review, context.member(role, agency_key))
    incidents = [line for line in timeline.reconstruct(case) if line.kind == "incident"]
    if incidents:
        services.mark_line(prosecutor, review, incidents[0].key, MARK)
    for text, theme, owner_key, days, status in RECOMMENDATIONS:
        owner = context.agencies[owner_key] if owner_key else case.opening_agency
        due_on = timezone.localdate() + timedelta(days=days)
        recommendation = services.recommend(
            prosecutor, review, text=text, theme=theme, owner=owner, due_on=due_on
        )
        if status != recommendation.status:
            services.update_recommendation(prosecutor, recommendation, status=status)
