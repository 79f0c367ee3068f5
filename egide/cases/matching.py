"""Known perpetrator: matching people across cases despite accents, typos and missing dates.

Candidates share the birth date (or, when a date is missing on either side, a birth year within
one year); their decrypted, normalised names must then be within a small edit distance. Who is
told about a match is decided by the caller through `visible_cases`, never here.
"""

from dataclasses import dataclass

from django.db.models import Q

from .choices import PersonRole
from .models import Case, Person
from .search_keys import normalise_name


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): a swap of two letters costs 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def tolerated_typos(name: str) -> int:
    """Short names tolerate one typo, longer ones two: 'Li' and 'Lu' are different people."""
    if len(name) <= 3:
        return 0
    return 1 if len(name) <= 6 else 2


def names_match(a: str, b: str) -> bool:
    a, b = normalise_name(a), normalise_name(b)
    return edit_distance(a, b) <= tolerated_typos(min(a, b, key=len))


def birth_candidates(person: Person) -> Q:
    """People born the same day, or around the same year when either date is unknown."""
    if person.birth_date:
        year = person.birth_date.year
        around = Q(birth_date__isnull=True, birth_year__range=(year - 1, year + 1))
        return Q(birth_date=person.birth_date) | around
    if person.birth_year:
        return Q(birth_year__range=(person.birth_year - 1, person.birth_year + 1))
    return Q(pk__in=[])


def same_person(a: Person, b: Person) -> bool:
    return names_match(a.last_name, b.last_name) and names_match(a.first_name, b.first_name)


def matching_people(person: Person):
    """People in other cases who are probably `person`."""
    candidates = Person.objects.filter(birth_candidates(person)).exclude(case_id=person.case_id)
    return [other for other in candidates.select_related("case") if same_person(person, other)]


@dataclass(frozen=True)
class KnownPerpetrator:
    case: Case
    role_there: str

    @property
    def role_label(self) -> str:
        return str(PersonRole(self.role_there).label)


def known_perpetrator_cases(case: Case, membership) -> list[KnownPerpetrator]:
    """Other cases where this case's perpetrator appears, among those `membership` may see.

    A match in a case the member may not see is dropped silently: not even a count reveals it.
    """
    from .perms import visible_cases

    matches: dict[int, str] = {}
    for perpetrator in case.people.filter(role=PersonRole.PERPETRATOR):
        for other in matching_people(perpetrator):
            matches.setdefault(other.case_id, other.role)
    if not matches:
        return []
    seen = visible_cases(membership).filter(pk__in=matches).order_by("-created_at")
    return [KnownPerpetrator(other_case, matches[other_case.pk]) for other_case in seen]
