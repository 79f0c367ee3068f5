"""Precision and recall of perpetrator matching on a generated set (`egide perpetrator_matching`).

Each generated pair is either the same man recorded twice, the second time with the mistakes
clerks make (accents dropped, a typo, first and last names inverted, a birth date with day and
month inverted, a year off, two digits swapped, or only the year known), or two different men
who look alike (a homonym born another day, a brother, the same surname, the same birth date or
year, a near-homonym). The matcher is the one the
index uses: names in either order within typos, births compatible (egide.cases.matching).
"""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker

from egide.cases.matching import births_compatible, names_correspond


@dataclass(frozen=True)
class Record:
    last_name: str
    first_name: str
    birth_date: date | None
    birth_year: int | None


@dataclass(frozen=True)
class Pair:
    a: Record
    b: Record
    same: bool


def matches(a: Record, b: Record) -> bool:
    return births_compatible(
        a.birth_date, a.birth_year, b.birth_date, b.birth_year
    ) and names_correspond(a.last_name, a.first_name, b.last_name, b.first_name)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "double":
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("aeiouynmrst") + text[i + 1 :]


def _date_error(born: date, rng: random.Random) -> Record | date:
    kind = rng.choice(("invert", "year", "digits", "year_only"))
    if kind == "invert" and born.day <= 12:
        return date(born.year, born.day, born.month)
    if kind == "year":
        return born.replace(year=born.year + rng.choice((-1, 1)))
    if kind == "digits":
        digits = f"{born:%d%m%Y}"
        swapped = digits[:6] + digits[7] + digits[6]
        try:
            return date(int(swapped[4:]), int(swapped[2:4]), int(swapped[:2]))
        except ValueError:
            return born
    return born


PERTURBATIONS = ("accents", "typo", "order", "date", "year_only")


def perturb(record: Record, rng: random.Random) -> Record:
    """The same man as another clerk recorded him: one or two mistakes."""
    last, first, born, year = (
        record.last_name,
        record.first_name,
        record.birth_date,
        record.birth_year,
    )
    for kind in rng.sample(PERTURBATIONS, rng.choice((1, 2))):
        if kind == "accents":
            last, first = _strip_accents(last), _strip_accents(first)
        elif kind == "typo":
            if rng.random() < 0.5:
                last = _typo(last, rng)
            else:
                first = _typo(first, rng)
        elif kind == "order":
            last, first = first, last
        elif kind == "date" and born is not None:
            born = _date_error(born, rng)
        elif kind == "year_only" and born is not None:
            born, year = None, born.year
    return Record(last, first, born, year)


def _person(fake: Faker, rng: random.Random) -> Record:
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    return Record(fake.last_name(), fake.first_name_male(), born, born.year)


def lookalike(record: Record, fake: Faker, rng: random.Random) -> Record:
    """Another man who shares something with `record`: the hard negatives of an index."""
    other = _person(fake, rng)
    kinds = ("surname", "birth_year", "birth_date", "near_name", "homonym", "brother")
    kind = rng.choice(kinds)
    if kind == "homonym":
        return Record(record.last_name, record.first_name, other.birth_date, other.birth_year)
    if kind == "brother":
        born = record.birth_date + timedelta(days=rng.choice((-1, 1)) * rng.randrange(300, 900))
        return Record(record.last_name, other.first_name, born, born.year)
    if kind == "surname":
        return Record(record.last_name, other.first_name, other.birth_date, other.birth_year)
    if kind == "birth_year":
        born = other.birth_date.replace(year=record.birth_date.year)
        return Record(other.last_name, other.first_name, born, born.year)
    if kind == "birth_date":
        return Record(other.last_name, other.first_name, record.birth_date, record.birth_year)
    return Record(
        record.last_name, _typo(other.first_name, rng), other.birth_date, other.birth_year
    )


def generate_pairs(count: int, seed: int = 17) -> list[Pair]:
    """`count` pairs of the same man and `count` pairs of look-alikes, reproducibly."""
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    pairs = []
    for _ in range(count):
        record = _person(fake, rng)
        pairs.append(Pair(record, perturb(record, rng), True))
        pairs.append(Pair(record, lookalike(record, fake, rng), False))
    return pairs


def measure(pairs: list[Pair]) -> dict:
    found = [(pair.same, matches(pair.a, pair.b)) for pair in pairs]
    true_pos = sum(1 for same, hit in found if same and hit)
    false_pos = sum(1 for same, hit in found if not same and hit)
    false_neg = sum(1 for same, hit in found if same and not hit)
    return {
        "pairs": len(pairs),
        "precision": true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0,
        "recall": true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0,
        "false_positives": false_pos,
        "false_negatives": false_neg,
    }
