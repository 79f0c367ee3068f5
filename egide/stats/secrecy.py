"""Statistical secrecy for published counts: primary and secondary suppression.

A table is a set of cells (any sortable key → a count) and the additive relations a reader
knows hold between them: `total = sum(parts)` (a year and its months, a département and its
courts, the nation and its départements). The rule (rules.SECRECY_THRESHOLD):

1. **Primary**: a count from 1 to threshold - 1 is not published ("< 11"). Zero concerns
   nobody and is published.
2. **Secondary**: a reader who knows every published cell, the relations and what the labels
   say (a primary cell is between 1 and 10, a secondary one at least 11) must not be able to
   pin down any hidden cell. Two checks, repeated until neither suppresses anything more:
   - each relation on its own: the bounds it gives a hidden cell (subtracting the published
     cells from the total and the other hidden cells' bounds) must leave more than one value —
     so a relation never has exactly one hidden cell;
   - all the relations together: no hidden cell may be determined by the linear system (its
     value fixed whatever the other hidden cells), checked on the system's null space.
   When a check fails, the smallest published non-zero cell of the relation at fault is
   hidden too ("secret"), ties broken by key so that the result is reproducible.
"""

import enum
from collections import defaultdict

import numpy

INFINITY = float("inf")
# Singular values below this are zero: the relations' coefficients are 0 and ±1.
RANK_TOLERANCE = 1e-9


class Status(enum.Enum):
    PUBLISHED = "published"
    PRIMARY = "primary"
    SECONDARY = "secondary"


class Table:
    def __init__(self, cells: dict, relations: list[tuple], threshold: int):
        self.cells = cells
        # (total key, part keys) as equations: +1 for the total, -1 for each part.
        self.relations = [
            ((total, 1), *((part, -1) for part in parts)) for total, parts in relations
        ]
        self.threshold = threshold
        self.status = {
            key: Status.PRIMARY if 0 < value < threshold else Status.PUBLISHED
            for key, value in cells.items()
        }
        self.relations_of = defaultdict(list)
        for index, relation in enumerate(self.relations):
            for key, _coefficient in relation:
                self.relations_of[key].append(index)

    def bounds(self, key) -> tuple[float, float]:
        """What a reader knows of a cell from its label alone."""
        status = self.status[key]
        if status is Status.PRIMARY:
            return 1, self.threshold - 1
        if status is Status.SECONDARY:
            return self.threshold, INFINITY
        return self.cells[key], self.cells[key]

    def pinned_by(self, relation) -> bool:
        """Whether this relation alone gives some hidden cell a single possible value."""
        hidden = [(key, c) for key, c in relation if self.status[key] is not Status.PUBLISHED]
        for key, coefficient in hidden:
            low = high = 0.0
            for other, other_coefficient in relation:
                if other == key:
                    continue
                lo, hi = self.bounds(other)
                terms = (lo, hi) if other_coefficient > 0 else (-hi, -lo)
                low, high = low - terms[1], high - terms[0]
            if coefficient < 0:
                low, high = -high, -low
            own_low, own_high = self.bounds(key)
            if max(low, own_low) == min(high, own_high):
                return True
        return False

    def hide_complement(self, relation) -> bool:
        """Hides the smallest published non-zero cell of `relation`; False if there is none."""
        published = [
            key
            for key, _coefficient in relation
            if self.status[key] is Status.PUBLISHED and self.cells[key] > 0
        ]
        if not published:
            return False
        chosen = min(published, key=lambda key: (self.cells[key], key))
        self.status[chosen] = Status.SECONDARY
        return True

    def sweep(self) -> bool:
        changed = False
        for relation in self.relations:
            while self.pinned_by(relation) and self.hide_complement(relation):
                changed = True
        return changed

    def determined(self) -> list:
        """The hidden cells whose value the relations fix, all together (linear algebra), one
        group of hidden cells linked by relations at a time."""
        found = []
        for group, relations in self.linked_hidden():
            column = {key: index for index, key in enumerate(group)}
            matrix = numpy.zeros((len(relations), len(group)))
            for row, relation in enumerate(relations):
                for key, coefficient in relation:
                    if key in column:
                        matrix[row, column[key]] = coefficient
            _u, singular, vt = numpy.linalg.svd(matrix)
            null_space = vt[int((singular > RANK_TOLERANCE).sum()) :]
            found += [key for key in group if not (abs(null_space[:, column[key]]) > 1e-7).any()]
        return found

    def linked_hidden(self):
        """Groups of hidden cells that share relations, with those relations (sorted)."""
        parent = {}

        def root(key):
            while parent.setdefault(key, key) != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        touching = []
        for relation in self.relations:
            hidden = [key for key, _c in relation if self.status[key] is not Status.PUBLISHED]
            if hidden:
                touching.append((relation, hidden))
                for key in hidden[1:]:
                    parent[root(key)] = root(hidden[0])
        groups = defaultdict(lambda: ([], []))
        for relation, hidden in touching:
            groups[root(hidden[0])][1].append(relation)
        for key in parent:
            groups[root(key)][0].append(key)
        return [(sorted(keys), relations) for keys, relations in groups.values()]

    def protect(self) -> dict:
        while True:
            while self.sweep():
                pass
            exposed = self.determined()
            if not exposed:
                return self.status
            # Hiding a neighbour of one exposed cell may protect the next one too: a cell with
            # nothing left to hide around it now is checked again on the next round.
            progress = False
            for key in exposed:
                relations = [self.relations[index] for index in self.relations_of[key]]
                progress |= any(self.hide_complement(relation) for relation in relations)
            if not progress:
                raise ValueError(f"no cell left to hide next to {exposed[0]!r}")


def protect(cells: dict, relations: list[tuple], threshold: int) -> dict:
    """The status of every cell of the table: published, primary or secondary suppression."""
    return Table(cells, relations, threshold).protect()
