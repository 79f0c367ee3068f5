"""The form-action kit every app's pages use: one form page, one way to run an operation from a
valid form, one mapping of a rule's refusal to what the user sees.

    form = NotifyForm(request.POST or None)
    done = run_form(request, form, lambda data: services.notify_order(request.actor, order, **data),
                    _("Notification enregistrée."), order.case)
    return done or form_page(request, form, title, back=order.case, case=order.case)
"""

from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url

from egide.errors import RuleError

FORM_TEMPLATE = "web/form.html"


def form_page(request, form, title, *, back: str, case=None, intro="", **extra):
    """The form under its title, with a link back to `back` (a URL, a URL name or an object with
    its own page; "Retour au dossier …" when `case` is given), plus the `extra` context the page
    shows at the point of decision (e.g. `known_elsewhere`). A form shown again with errors
    answers 400."""
    context = {
        "form": form,
        "title": title,
        "back": resolve_url(back),
        "case": case,
        "intro": intro,
        **extra,
    }
    return render(request, FORM_TEMPLATE, context, status=400 if form.errors else 200)


def run_form(request, form, operation, success: str, target):
    """Calls `operation(cleaned_data)` when the form is posted and valid, then says `success` and
    redirects to `target`. A rule's refusal becomes a form error; None means show the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        operation(form.cleaned_data)
    except RuleError as refusal:
        add_refusal(form, refusal)
        return None
    messages.success(request, success)
    return redirect(target)


def add_refusal(form, refusal: RuleError) -> None:
    """A rule's refusal on the form as a whole."""
    for message in refusal.messages:
        form.add_error(None, message)


def run_action(request, action) -> bool:
    """Runs `action()`; a rule's refusal becomes an error message. True when it went through."""
    try:
        action()
    except RuleError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return False
    return True
