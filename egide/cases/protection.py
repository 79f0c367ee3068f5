"""Whether a case has an active protection measure: a registry other domains fill.

The danger assessment lists high-danger cases that have no protection measure yet. Measures
(orders, TGD, BAR, shelter…) belong to later domains; each registers, in its hooks.py, a function
that receives a Case queryset and returns the subset with an active measure of its kind:

    from egide.cases import protection
    protection.measures.register(lambda cases: cases.filter(alarm_phones__status="active"))

Until a domain registers, no case counts as protected, so every high-danger case is listed.
"""

from collections.abc import Callable

from django.db.models import QuerySet

from egide.registry import Registry

CasesWithMeasure = Callable[[QuerySet], QuerySet]

measures: Registry[CasesWithMeasure] = Registry("egide.cases.protection.measures")


def without_protection(cases: QuerySet) -> QuerySet:
    """`cases` minus those any registered domain reports as protected. Each domain filters
    `cases` as given, not what the previous domains left: nested, the query would double with
    each domain."""
    remaining = cases
    for provider in measures.entries():
        remaining = remaining.exclude(pk__in=provider(cases).values("pk"))
    return remaining


def has_protection_measure(case) -> bool:
    cases = type(case).objects.filter(pk=case.pk)
    return not without_protection(cases).exists()
