"""Helpers for browser tests: accessibility checks and screenshots."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE_SOURCE = REPO / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def check_accessibility(page) -> None:
    """Runs axe-core on the page; fails on any serious or critical violation.

    The script is evaluated through the DevTools protocol, which the page's CSP does not govern,
    so the page is checked under its real policy.
    """
    if not AXE_SOURCE.exists():
        raise AssertionError(f"{AXE_SOURCE} is missing: run `make install` (npm ci in tests/e2e)")
    page.evaluate(f"() => {{ {AXE_SOURCE.read_text()} }}")
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: tags})).violations", WCAG_TAGS
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(describe(v) for v in blocking)


def describe(violation) -> str:
    targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
    return f"{violation['impact']} {violation['id']}: {violation['help']} — {targets}"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
