"""What the case pages and the API both read: the cases a search finds among those the member
may see, and the lines of a list as the member may see them (each one audited)."""

from django.db.models import Exists, OuterRef

from egide.accounts.actor import Actor
from egide.audit.services import append_all

from . import perms
from .disclosure import CaseDisclosure
from .forms import CaseSearchForm
from .models import Person
from .search_keys import name_key


def search_cases(membership, form: CaseSearchForm):
    """The visible cases matching the search form (none while it is invalid)."""
    cases = perms.visible_cases(membership)
    if not form.is_valid():
        return cases.none()
    data = form.cleaned_data
    people = Person.objects.filter(case_id=OuterRef("pk"))
    if data["last_name"]:
        people = people.filter(last_name_key=name_key(data["last_name"]))
    if data["first_name"]:
        people = people.filter(first_name_key=name_key(data["first_name"]))
    if data["birth_date"]:
        people = people.filter(birth_date=data["birth_date"])
    if data["last_name"] or data["birth_date"]:
        cases = cases.filter(Exists(people))
    if data["reference"]:
        cases = cases.filter(reference__iexact=data["reference"].strip())
    if data["status"]:
        cases = cases.filter(status=data["status"])
    return cases


def case_rows(actor: Actor, cases) -> list[dict]:
    """The lines of a list: each victim's name and address as this member may see them. Each
    case shown gets its own audit entry, all appended together."""
    rows, entries = [], []
    cases = list(cases)
    accesses = perms.case_accesses(actor.membership, cases)
    for case in cases:
        disclosure = CaseDisclosure(actor.membership, case, accesses[case.pk])
        victim = case.victim
        row = {"case": case, "victim": None, "address": None}
        if victim is not None:
            row["victim"] = disclosure.identity(victim)
            row["address"] = disclosure.address_of(victim)
        rows.append(row)
        entries.append(disclosure.audit_entry(actor))
    append_all(entries)
    return rows
