"""`egide register [--json]`: the processing register, generated from the code's declarations."""

import json

from django.core.management.base import BaseCommand

from egide.retention import register


class Command(BaseCommand):
    help = "The processing register (purposes, data, recipients, retention, security), generated."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="as JSON, for other tools")

    def handle(self, *args, json=False, **options):
        generated = register.build()
        if json:
            self.stdout.write(_dumps(generated.as_dict()))
        else:
            self.stdout.write(register.as_markdown(generated))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
