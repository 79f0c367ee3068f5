"""Review pages: the list (the court's cases to review, the reviews one may open), a review's
timeline with its missed opportunities, members and recommendations, and the anonymised
summary's export. A review outside `perms.visible_reviews` is a 404."""

from functools import partial, wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egide.web.forms import run_action, run_form

from . import export, perms, services
from .forms import InviteForm, MarkForm, RecommendationForm, RecommendationStatusForm
from .models import Recommendation


def reviewers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not perms.may_use_reviews(request.membership):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _review(request, pk):
    return get_object_or_404(
        perms.visible_reviews(request.membership).select_related("case", "court"), pk=pk
    )


def _managed(request, pk):
    review = _review(request, pk)
    if not perms.can_manage(request.membership, review):
        raise PermissionDenied
    return review


@reviewers_only
def review_list(request):
    reviews = perms.visible_reviews(request.membership).select_related("case", "court")
    context = {
        "reviews": reviews,
        "to_review": perms.cases_to_review(request.membership).order_by("-closed_at"),
    }
    return render(request, "reviews/list.html", context)


@require_POST
@reviewers_only
def review_open(request, case_pk):
    case = get_object_or_404(perms.cases_to_review(request.membership), pk=case_pk)
    review = services.open_review(request.actor, case)
    messages.success(request, _("Revue ouverte."))
    return redirect(review)


@reviewers_only
def review_detail(request, pk):
    review = _review(request, pk)
    lines = services.read_review(request.actor, review)
    marks = {mark.line_key: mark for mark in review.marks.select_related("agency")}
    manages = perms.can_manage(request.membership, review)
    recommendations = list(review.recommendations.select_related("owner"))
    context = {
        "review": review,
        "rows": [{"line": line, "mark": marks.get(line.key)} for line in lines],
        "missed_count": sum(1 for line in lines if line.is_missed or line.key in marks),
        "members": review.members.select_related("membership__user", "membership__agency"),
        "recommendations": [
            {
                "item": item,
                "form": RecommendationStatusForm(initial={"status": item.status}, prefix=item.pk),
                "may_update": review.is_open and perms.can_update(request.membership, item),
            }
            for item in recommendations
        ],
        "manages": manages,
        "invite_form": InviteForm(review=review) if manages else None,
        "recommendation_form": RecommendationForm(review=review) if manages else None,
        "mark_form": MarkForm(),
    }
    return render(request, "reviews/detail.html", context)


@require_POST
@reviewers_only
def review_invite(request, pk):
    review = _managed(request, pk)
    form = InviteForm(request.POST, review=review)
    if form.is_valid():
        operation = partial(services.invite, request.actor, review, form.cleaned_data["membership"])
        if run_action(request, operation):
            messages.success(request, _("Membre invité à la revue."))
    else:
        messages.error(request, _("Choisissez un membre à inviter."))
    return redirect(review)


@require_POST
@reviewers_only
def review_mark(request, pk):
    review = _review(request, pk)
    form = MarkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        operation = partial(
            services.mark_line, request.actor, review, data["line_key"], data["comment"].strip()
        )
        if run_action(request, operation):
            messages.success(request, _("Occasion manquée relevée."))
    else:
        messages.error(request, _("Dites pourquoi c'est une occasion manquée."))
    return redirect(review)


@reviewers_only
def review_recommend(request, pk):
    review = _managed(request, pk)
    form = RecommendationForm(request.POST or None, review=review)
    done = run_form(
        request,
        form,
        lambda data: services.recommend(request.actor, review, **data),
        _("Recommandation ajoutée."),
        review,
    )
    if done:
        return done
    context = {"review": review, "form": form}
    return render(request, "reviews/recommend.html", context, status=400 if form.errors else 200)


@require_POST
@reviewers_only
def recommendation_update(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(review__in=perms.visible_reviews(request.membership)), pk=pk
    )
    form = RecommendationStatusForm(request.POST, prefix=recommendation.pk)
    if form.is_valid():
        data = form.cleaned_data
        operation = partial(
            services.update_recommendation,
            request.actor,
            recommendation,
            status=data["status"],
            drop_reason=data["drop_reason"],
        )
        if run_action(request, operation):
            messages.success(request, _("Recommandation mise à jour."))
    else:
        messages.error(request, _("Choisissez un état."))
    return redirect(recommendation.review)


@require_POST
@reviewers_only
def review_close(request, pk):
    review = _managed(request, pk)
    if run_action(request, lambda: services.close_review(request.actor, review)):
        messages.success(request, _("Revue close."))
    return redirect(review)


@reviewers_only
def review_export(request, pk):
    """The anonymised summary, JSON (default) or CSV (`?format=csv`)."""
    review = _managed(request, pk)
    lines = services.read_review(request.actor, review)
    services.export_summary(request.actor, review)
    data = export.summary(review, lines, set(review.marks.values_list("line_key", flat=True)))
    if request.GET.get("format") == "csv":
        response = HttpResponse(export.as_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="revue-anonymisee.csv"'
        return response
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="revue-anonymisee.json"'
    return response
