"""Every setting the code reads is declared in `egide/settings.py`, from the environment, and every
environment variable is in the README's configuration table: a deployment can set what the code
uses (the police dispatch URL, the engine's thresholds…) and finds it documented."""

import ast
import re
from pathlib import Path

from django.conf import global_settings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = ROOT / "egide" / "settings.py"
ENV_READERS = {"envbool", "envint", "envlist", "get", "getenv"}
SETTING_READ = re.compile(
    r"""\bsettings\.([A-Z][A-Z0-9_]+)\b|getattr\(\s*settings,\s*["']([A-Z][A-Z0-9_]+)"""
)
ENV_NAME = re.compile(
    r"""environ(?:\.get\(|\[)\s*["'](EGIDE_[A-Z0-9_]+)|getenv\(\s*["'](EGIDE_[A-Z0-9_]+)"""
)


def code_files():
    for path in sorted((ROOT / "egide").rglob("*.py")):
        if "migrations" not in path.parts and path != SETTINGS_FILE:
            yield path


def declared_settings() -> set[str]:
    tree = ast.parse(SETTINGS_FILE.read_text())
    names = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def environment_read_by_settings() -> set[str]:
    """The variables `egide/settings.py` reads: env* helpers, os.environ.get/[…], env=…"""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS_FILE.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ENV_READERS and node.args and isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
            # dj_database_url.config(env="DATABASE_URL")
            names |= {k.value.value for k in node.keywords if k.arg == "env"}
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "environ"
        ):
            names.add(node.slice.value)
    return {name for name in names if isinstance(name, str) and name.isupper()}


def readme_variables() -> set[str]:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Configuration") :]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, flags=re.MULTILINE))


def settings_read_by_code() -> dict[str, str]:
    reads = {}
    for path in code_files():
        for match in SETTING_READ.finditer(path.read_text()):
            reads.setdefault(match.group(1) or match.group(2), str(path.relative_to(ROOT)))
    return reads


def test_every_setting_the_code_reads_is_declared_in_settings():
    declared, django_defaults = declared_settings(), set(dir(global_settings))
    undeclared = {
        name: where
        for name, where in settings_read_by_code().items()
        if name not in declared and name not in django_defaults
    }
    assert undeclared == {}


def test_every_egide_setting_is_read_from_its_environment_variable():
    declared_egide = {name for name in declared_settings() if name.startswith("EGIDE_")}
    assert declared_egide - environment_read_by_settings() == set()


def test_every_environment_variable_is_in_the_readme_table():
    read_elsewhere = set()
    for path in code_files():
        read_elsewhere |= {a or b for a, b in ENV_NAME.findall(path.read_text())}
    variables = environment_read_by_settings() | read_elsewhere
    assert variables - readme_variables() == set()
    assert readme_variables() - variables == set(), "the README documents a variable nobody reads"
