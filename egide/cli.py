"""The `egide` command: every operation an operator of the platform runs.

Each subcommand is a Django management command (`egide serve`, `egide demo`, `egide audit verify`,
`egide monitor replay`, `egide bench cases`, ...); `egide help` lists them.

Commands that need neither the database nor the apps start without loading the platform
(Django's set-up imports every app, its models and its job queue: seconds on a busy machine):
- `egide`, `egide help`, `egide --help`: the list of commands, read from the source tree;
- `egide monitor replay|bench`: the engine alone (`egide.engine.cli`);
- `egide aid estimate`: the dated rules and the settings, no app registry.
Everything else, and `egide help COMMAND`, goes through Django as before.
"""

import ast
import os
import sys
import warnings
from pathlib import Path

HELP_ARGUMENTS = ([], ["help"], ["--help"], ["-h"])
ENGINE_COMMANDS = ("replay", "bench")
# They create, replace or empty tables: as the tables' owner, EGIDE_MIGRATION_DATABASE_URL, when
# set; the platform's own role may only append to the audit log (egide/audit/grants.py).
OWNER_COMMANDS = ("migrate", "restore", "flush", "dbroles")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egide.settings")
    argv = sys.argv[1:]
    if argv[:1] and argv[0] in OWNER_COMMANDS:
        os.environ["EGIDE_DATABASE_AS_OWNER"] = "1"
    if argv in HELP_ARGUMENTS:
        sys.stdout.write(usage())
    elif argv[:1] == ["monitor"] and argv[1:2] and argv[1] in ENGINE_COMMANDS:
        _engine(argv[1:])
    elif argv[:2] == ["aid", "estimate"]:
        _standalone("egide.support.management.commands.aid", argv)
    else:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["egide", *argv])


def usage() -> str:
    """Every egide command with its one-line help, read from the commands' source (not imported)."""
    lines = [
        "Usage: egide COMMAND [options]",
        "",
        "Égide's commands (`egide help COMMAND` for a command's options):",
    ]
    root = Path(__file__).parent
    for path in sorted(root.glob("*/management/commands/*.py")):
        if path.name != "__init__.py":
            lines.append(f"  {path.stem:<14}{_help_text(path)}")
    lines += [
        "",
        "Django's own commands (migrate, check, shell, ...) run as `egide COMMAND` too.",
        "",
    ]
    return "\n".join(lines)


def _help_text(path: Path) -> str:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and [getattr(t, "id", None) for t in statement.targets] == ["help"]
                    and isinstance(statement.value, ast.Constant)
                ):
                    return statement.value.value
    return ""


def _engine(argv: list[str]) -> None:
    """`egide monitor replay|bench`, as `egide` reports errors: `CommandError: …`, status 1."""
    from egide.engine.cli import leave
    from egide.engine.cli import main as engine_main

    leave(engine_main(argv, prog="egide monitor", error_prefix="CommandError: ", error_status=1))


def _standalone(module: str, argv: list[str]) -> None:
    """A management command that needs settings but no app: run without Django's set-up, its
    system checks (they inspect the apps) or translations (the UI's source language is French,
    which is what management commands print)."""
    from importlib import import_module

    from django.utils import translation

    translation.deactivate_all()
    # The dated parameters are read with plain SQL before any app is loaded, on purpose.
    warnings.filterwarnings("ignore", "Accessing the database during app initialization")
    name, *rest = argv
    import_module(module).Command().run_from_argv(["egide", name, "--skip-checks", *rest])
