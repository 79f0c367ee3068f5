"""The criminal part's panel on the case page, for the members who read it (perms)."""

from django import template

from egide.audit.services import record_reads

from .. import perms

register = template.Library()


@register.inclusion_tag("criminal/case_panel.html", takes_context=True)
def criminal_panel(context):
    request, case = context["request"], context["case"]
    membership = request.membership
    if not perms.can_read_criminal(membership, case):
        return {"shown": False}
    obligations = perms.visible_obligations(membership).filter(case=case).in_force()
    return {
        "shown": True,
        "case": case,
        "stage": perms.visible_stages(membership).filter(case=case).last(),
        "obligations": record_reads(
            request.actor, obligations.select_related("ordering_agency"), ["kind", "article"]
        ),
    }
