import pytest

from egide.web import worklists


@pytest.fixture(autouse=True)
def no_worklists(monkeypatch):
    """An empty worklist registry: these tests see only the worklists they register."""
    monkeypatch.setattr(worklists.providers, "_entries", [])
