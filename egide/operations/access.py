"""Who may read `/metrics`: a scraper presenting EGIDE_METRICS_TOKEN as a bearer token.

The figures hold no personal data, but they describe the centre's activity (how many alerts,
how fast they are taken in hand): not for anyone who can reach a port. A token rather than a
list of networks because the processes sit behind a reverse proxy, where the peer address is the
proxy's; with no token configured, metrics are off.
"""

import hmac

from django.conf import settings


def metrics_refusal(authorization: str) -> tuple[int, dict, dict] | None:
    """(status, JSON body, headers) refusing the request, or None to serve the metrics."""
    token = settings.EGIDE_METRICS_TOKEN
    if not token:
        return 404, {"error": "metrics are disabled (EGIDE_METRICS_TOKEN is not set)"}, {}
    scheme, _, presented = authorization.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        presented.strip().encode(), token.encode()
    ):
        return 401, {"error": "a valid bearer token is required"}, {"WWW-Authenticate": "Bearer"}
    return None
