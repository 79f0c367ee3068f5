"""The `egide` command: every operation an operator of the platform runs.

Each subcommand is a Django management command (`egide serve`, `egide demo`, `egide audit verify`,
`egide monitor replay`, `egide bench cases`, ...); `egide help` lists them.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egide.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["egide", *sys.argv[1:]])
