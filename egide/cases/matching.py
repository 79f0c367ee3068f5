"""Known perpetrator: matching people across cases despite accents, typos, name order and
birth-date errors.

Candidates share the birth date or one of its usual mistypings (day and month inverted, the year
off by one or by a digit, two adjacent digits swapped), or, when a date is missing on either side,
a birth year within one year; their decrypted, normalised names must then be within a small edit
distance, in either order (first and last names are often inverted). Who is told about a match is
decided by the caller (`visible_cases`, or the national index in egide.perpetrators), never here.
`egide perpetrator_matching` measures precision and recall on a generated set.
"""

from dataclasses import dataclass
from datetime import date

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


def _date_from_digits(digits: str) -> date | None:
    """'14031981' → 14 March 1981; None when the digits are not a date."""
    try:
        return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return None


def birth_date_variants(born: date) -> set[date]:
    """`born` and the dates a clerk may have typed instead: day and month inverted, the year off
    by one or one of its last two digits mistyped, two adjacent digits swapped. A day mistyped
    alone is not tolerated: 14 and 15 March are two people."""
    digits = f"{born:%d%m%Y}"
    typed = [digits[:2] + digits[2:4] + digits[4:], digits[2:4] + digits[:2] + digits[4:]]
    typed += [digits[:6] + digits[6] + str(d) for d in range(10)]
    typed += [digits[:6] + str(d) + digits[7] for d in range(10)]
    typed += [
        digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :] for i in range(len(digits) - 1)
    ]
    variants = {_date_from_digits(text) for text in typed}
    for year in (born.year - 1, born.year + 1):
        variants.add(_date_from_digits(digits[:4] + str(year)))
    variants.discard(None)
    return variants


def births_compatible(a_date, a_year, b_date, b_year) -> bool:
    """The test `birth_candidates` applies in the database, on plain values."""
    if a_date and b_date:
        return b_date in birth_date_variants(a_date)
    a_year = a_date.year if a_date else a_year
    b_year = b_date.year if b_date else b_year
    return bool(a_year and b_year) and abs(a_year - b_year) <= 1


def birth_candidates(person: Person) -> Q:
    """People born the same day (give or take a typing mistake), or around the same year when
    either date is unknown."""
    if person.birth_date:
        year = person.birth_date.year
        around = Q(birth_date__isnull=True, birth_year__range=(year - 1, year + 1))
        return Q(birth_date__in=sorted(birth_date_variants(person.birth_date))) | around
    if person.birth_year:
        return Q(birth_year__range=(person.birth_year - 1, person.birth_year + 1))
    return Q(pk__in=[])


def names_correspond(a_last: str, a_first: str, b_last: str, b_first: str) -> bool:
    """Same names within typos, in the same order or with first and last names inverted."""
    in_order = names_match(a_last, b_last) and names_match(a_first, b_first)
    return in_order or (names_match(a_last, b_first) and names_match(a_first, b_last))


def same_person(a: Person, b: Person) -> bool:
    return names_correspond(a.last_name, a.first_name, b.last_name, b.first_name)


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
