"""Who reads the indicators: the analyst, and aggregates only.

The analyst never reaches a case, a name or a record: the indicator pages compute counts,
shares, medians and means in the database and show nothing else. The open-data files are
public and carry only counts under statistical secrecy (`opendata.py`). Everyone else is
refused.
"""

from egide.accounts.roles import Role


def can_read_indicators(membership) -> bool:
    return membership is not None and membership.role == Role.ANALYST
