"""`egide rotatekeys`: re-encrypts every encrypted field under the primary key."""

from django.core.management.base import BaseCommand

from egide.encryption.keyring import keyring
from egide.encryption.rotation import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value with the first key of EGIDE_FIELD_KEYS. "
        "Idempotent: values already under that key are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        results = rotate_all(batch_size=batch_size)
        for result in results:
            self.stdout.write(f"{result.label}: {result.rotated} of {result.scanned} re-encrypted")
        rotated = sum(result.rotated for result in results)
        self.stdout.write(
            self.style.SUCCESS(
                f"{rotated} values re-encrypted under key '{keyring().primary_id}' "
                f"in {len(results)} encrypted fields"
            )
        )
