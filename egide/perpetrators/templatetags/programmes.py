"""The case page's link to order a programme, shown to the procureur and judge who may."""

from django import template

from egide.perpetrators import perms

register = template.Library()


@register.simple_tag
def can_order_programme(membership, case) -> bool:
    return perms.can_order_on_case(membership, case)
