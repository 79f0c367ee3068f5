"""What a reader of the open data can try, written apart from the code that protects it.

A published table is read back from its rows alone; the reader knows that a year is the sum of
its months, a département the sum of its courts, a région the sum of its départements, the
nation the sum of its départements and also of its régions (with the départements no région
holds), that "< 11" means 1 to 10 and "secret" at least 11. Each attack returns the hidden cells it
pins down to a single value.
"""

from collections import defaultdict
from fractions import Fraction

THRESHOLD = 11


def read(rows):
    """rows: (indicator, level, region, departement, court, period, value) →
    {key: int or label}."""
    return {tuple(r[:6]): parse(r[6]) for r in rows}


def parse(value: str):
    return int(value) if value.isdigit() else value


def relations(table):
    """(total key, part keys) for every sum a reader knows holds in `table`."""
    found = []
    nodes = defaultdict(list)
    for key in table:
        nodes[key[:5]].append(key[5])
    for node, periods in nodes.items():
        year = min(periods, key=len)
        months = [p for p in periods if p != year]
        found.append(((*node, year), [(*node, month) for month in months]))
    by_period = defaultdict(list)
    for key in table:
        by_period[(key[0], key[5])].append(key)
    for keys in by_period.values():
        nation = [k for k in keys if k[1] == "national"]
        regions = [k for k in keys if k[1] == "region"]
        deps = [k for k in keys if k[1] == "departement"]
        found += [(nation[0], deps)] if nation and deps else []
        named = {k[2] for k in regions}
        beside = [k for k in deps if k[2] not in named]
        found += [(nation[0], regions + beside)] if nation and regions else []
        for region in regions:
            found.append((region, [k for k in deps if k[2] == region[2]]))
        for dep in deps:
            courts = [k for k in keys if k[1] == "tribunal" and k[3] == dep[3]]
            if courts:
                found.append((dep, courts))
    return found


def hidden(table):
    return {key for key, value in table.items() if not isinstance(value, int)}


def peel(table):
    """Solve every sum with one unknown, use what it gives, again until nothing moves."""
    known = {k: v for k, v in table.items() if isinstance(v, int)}
    recovered = {}
    moved = True
    while moved:
        moved = False
        for total, parts in relations(table):
            members = [total, *parts]
            unknown = [k for k in members if k not in known]
            if len(unknown) != 1:
                continue
            (key,) = unknown
            rest = sum(known[p] for p in parts if p in known)
            known[key] = known[total] - rest if key != total else rest
            recovered[key] = known[key]
            moved = True
    return recovered


def solve(table):
    """Exact Gaussian elimination on every sum at once: the hidden cells the system fixes."""
    unknowns = sorted(hidden(table))
    column = {key: i for i, key in enumerate(unknowns)}
    rows = []
    for total, parts in relations(table):
        row = [Fraction(0)] * (len(unknowns) + 1)
        for key, sign in [(total, 1), *((p, -1) for p in parts)]:
            if key in column:
                row[column[key]] += sign
            else:
                row[-1] -= sign * table[key]
        if any(row[:-1]):
            rows.append(row)
    pivots = []
    r = 0
    for c in range(len(unknowns)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [x / rows[r][c] for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    free = set(range(len(unknowns))) - set(pivots)
    recovered = {}
    for i, c in enumerate(pivots):
        if not any(rows[i][f] != 0 for f in free):
            recovered[unknowns[c]] = rows[i][-1]
    return recovered


def bound(value):
    if value == "secret":
        return THRESHOLD, float("inf")
    if value == f"< {THRESHOLD}":
        return 1, THRESHOLD - 1
    return value, value


def narrow(table):
    """Each sum alone, with the labels' bounds: the hidden cells left with one possible value."""
    recovered = {}
    for total, parts in relations(table):
        signed = [(total, 1), *((p, -1) for p in parts)]
        for key, sign in signed:
            if isinstance(table[key], int):
                continue
            low = high = 0
            for other, other_sign in signed:
                if other == key:
                    continue
                lo, hi = bound(table[other])
                low, high = (low - hi, high - lo) if other_sign > 0 else (low + lo, high + hi)
            if sign < 0:
                low, high = -high, -low
            own_low, own_high = bound(table[key])
            if max(low, own_low) == min(high, own_high):
                recovered[key] = max(low, own_low)
    return recovered


def every_attack(table):
    return {**peel(table), **solve(table), **narrow(table)}
