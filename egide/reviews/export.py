"""The anonymised summary of a review, for the analyst: what happened, in what order, which kind
of agency acted and what was missed — never who.

It holds no name, address, contact, narrative nor free text (no comment, no recommendation's
wording), no reference or record id, no département nor court; dates become whole days from the
first record (day 0), agencies their kind, people their role.
"""

import csv
import io

from .choices import MissedKind
from .lines import Line

CSV_COLUMNS = ["day", "source", "kind", "agency_kind", "role", "missed"]


def day_offset(moment, origin) -> int:
    return (moment.date() - origin).days


def summary(review, lines: list[Line], marked_keys: set[str]) -> dict:
    origin = lines[0].at.date() if lines else review.opened_at.date()
    rows = [
        {
            "day": day_offset(line.at, origin),
            "source": line.source,
            "kind": line.kind,
            "agency_kind": line.agency.kind if line.agency is not None else "",
            "role": line.role,
            "missed": sorted(
                {missed.kind for missed in line.missed}
                | ({MissedKind.REVIEWER.value} if line.key in marked_keys else set())
            ),
        }
        for line in lines
    ]
    counts = dict.fromkeys(MissedKind.values, 0)
    for row in rows:
        for kind in row["missed"]:
            counts[kind] += 1
    return {
        "outcome": review.case.close_reason,
        "opened_as": review.case.opened_as,
        "review": {
            "status": review.status,
            "opened_day": day_offset(review.opened_at, origin),
            "closed_day": day_offset(review.closed_at, origin) if review.closed_at else None,
        },
        "timeline": rows,
        "missed_opportunities": counts,
        "recommendations": [
            {
                "theme": recommendation.theme,
                "owner_kind": recommendation.owner.kind,
                "due_day": (recommendation.due_on - origin).days,
                "status": recommendation.status,
            }
            for recommendation in review.recommendations.select_related("owner")
        ],
    }


def as_csv(data: dict) -> str:
    """The summary's timeline, one row per line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in data["timeline"]:
        writer.writerow({**row, "missed": "|".join(row["missed"])})
    return out.getvalue()
