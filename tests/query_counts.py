"""Query-count snapshots of pages with rows (les-emplois' idea): N rows and 2N rows must cost the
same, exact, number of queries, so that a change adding a query per row (an N+1) or a query per
page fails a test. Each count is written out with what its queries are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# What any signed-in page costs besides its own work: the session, the user, the second factor, the
# acting membership (4); django-dsfr's site settings and the count of the member's other roles for
# the header's role switcher (2); the session's save at the end, in its savepoint (3).
SIGNED_IN_PAGE = 9
# One audit entry, or several appended together: in a savepoint, the chain's head read, the entries
# inserted, the head updated.
AUDIT = 5
# The member's agency, named in the page's header.
HEADER = 1


def page_queries(client, url) -> int:
    client.get(url)  # the first audited read of a test database creates the audit chain's head
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def assert_rows_cost_nothing(client, url, add_rows, expected: int, n: int = 3) -> None:
    """The page with `n` rows, then with `2n`, makes exactly `expected` queries each time."""
    add_rows(n)
    with_n = page_queries(client, url)
    add_rows(n)
    with_2n = page_queries(client, url)
    assert (with_n, with_2n) == (expected, expected), f"{with_n} then {with_2n}, not {expected}"
