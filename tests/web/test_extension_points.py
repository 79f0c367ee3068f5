"""Extension points follow one convention (docs/architecture.md, "Extension points")."""

import ast
import inspect
from pathlib import Path

from django.apps import apps

from egide.registry import REGISTRIES

ROOT = Path(__file__).resolve().parents[2]
REGISTRIES_BY_NAME = {"providers", "blockers", "measures", "sources", "archived"}


def registers(path: Path) -> bool:
    """Whether the module calls `<registry>.register(...)` (docstring examples aside)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if node.func.attr == "register" and name in REGISTRIES_BY_NAME:
                return True
    return False


def test_every_registry_is_on_the_map():
    architecture = (ROOT / "docs/architecture.md").read_text()
    assert len(REGISTRIES) == 8
    for name in REGISTRIES:
        assert f"`{name}`" in architecture


def test_apps_register_only_from_their_hooks_module():
    outside = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "egide").rglob("*.py")
        if path.name != "hooks.py" and registers(path)
    ]
    assert outside == []


def test_every_app_with_hooks_registers_them_when_ready():
    registering = {path.parent.name for path in (ROOT / "egide").glob("*/hooks.py")}
    assert {"assessment", "cases", "devices", "justice", "support"} <= registering
    for label in registering:
        assert "hooks.register()" in inspect.getsource(apps.get_app_config(label).ready)
