"""The review's timeline: one chronological list of what the agencies recorded about a case,
each line with the records it was read from. Nothing here is typed in: the lines are read from
the records of each domain every time (`sources.py`), and the missed opportunities are marked
against the platform's rules (`missed.py`).
"""

from datetime import datetime

from django.utils import timezone

from . import missed, sources
from .lines import Line


def reviewed_until(case) -> datetime:
    """The timeline ends when the case was closed (the death or the failure); an open case,
    should one be reviewed, up to now."""
    return case.closed_at or timezone.now()


def reconstruct(case) -> list[Line]:
    """Every line of `case`'s timeline up to `reviewed_until`, oldest first."""
    until = reviewed_until(case)
    lines = [line for read in sources.READERS for line in read(case, until) if line.at <= until]
    missed.mark(case, until, lines)
    return sorted(lines, key=lambda line: (line.at, line.key))
