"""The public orientation page's resources and their weight: the DSFR modules it links (only
those it uses) and what a first visit downloads, compressed (`egide directory page-weight`)."""

import gzip
import re

from django.contrib.staticfiles import finders

DSFR = "dsfr/dist"
DSFR_MODULES = tuple(
    f"{DSFR}/{path}.min.css"
    for path in (
        "core/core",
        "component/link/link",
        "component/skiplink/skiplink",
        "component/logo/logo",
        "component/header/header",
        "component/button/button",
        "component/form/form",
        "component/input/input",
        "component/footer/footer",
    )
)
# The page's budget on a first visit: HTML, CSS, JS, icons and fonts, gzip-compressed.
BUDGET_BYTES = 60 * 1024
RESOURCE = re.compile(r'<(?:link|script)[^>]+(?:href|src)="/static/([^"]+)"')


def compressed(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def first_visit_weight(html: bytes) -> list[tuple[str, int]]:
    """(resource, compressed bytes) for the page and each static file it links. Fonts are not
    linked: the page's CSS uses none (find-help.css), the browser test checks none is loaded."""
    rows = [("page HTML", compressed(html))]
    for name in RESOURCE.findall(html.decode()):
        path = finders.find(name)
        with open(path, "rb") as static:
            rows.append((name, compressed(static.read())))
    return rows
