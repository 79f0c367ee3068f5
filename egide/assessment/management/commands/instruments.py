"""`egide instruments verify` checks every instrument against its manifest;
`egide instruments seal DIR` records the SHA-256 of each file a manifest lists (after review)."""

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egide.assessment.instruments import MANIFEST, InstrumentError, catalogue, read_directory


class Command(BaseCommand):
    help = "Verifies or seals the danger-assessment instrument files."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="load every instrument, checking its checksum")
        seal = sub.add_parser("seal", help="write each listed file's SHA-256 into the manifest")
        seal.add_argument("directory", type=Path)

    def handle(self, *args, action, **options):
        if action == "seal":
            self.seal(options["directory"])
            return
        catalogue.cache_clear()
        try:
            instruments = catalogue().values()
        except InstrumentError as error:
            raise CommandError(str(error)) from error
        for instrument in instruments:
            status = "retired" if instrument.retired else "current"
            self.stdout.write(f"{instrument.id} {instrument.version} {status} ok")

    def seal(self, directory: Path):
        path = directory / MANIFEST
        manifest = json.loads(path.read_text(encoding="utf-8"))
        for entry in manifest["instruments"]:
            entry["sha256"] = hashlib.sha256((directory / entry["file"]).read_bytes()).hexdigest()
        path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        try:
            read_directory(directory)
        except InstrumentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"sealed {len(manifest['instruments'])} instrument(s) in {path}")
