"""`egide perpetrator_matching --pairs 5000`: precision and recall of perpetrator matching on a
generated set of same-man pairs (with clerks' mistakes) and look-alike pairs. Prints the figures,
then a JSON line. Touches no database."""

import json

from django.core.management.base import BaseCommand

from egide.perpetrators.evaluation import generate_pairs, measure


class Command(BaseCommand):
    help = "Measures precision and recall of perpetrator matching on generated pairs."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=17)

    def handle(self, *args, pairs, seed, **options):
        figures = measure(generate_pairs(pairs, seed))
        self.stdout.write(
            f"{figures['pairs']} pairs: precision {figures['precision']:.3f}, "
            f"recall {figures['recall']:.3f} ({figures['false_positives']} false positives, "
            f"{figures['false_negatives']} false negatives)"
        )
        self.stdout.write(json.dumps(figures))
