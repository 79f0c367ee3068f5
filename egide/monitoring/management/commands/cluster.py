from django.core.management.base import BaseCommand

from egide.tools.cluster import serve


class Command(BaseCommand):
    help = "the highly available topology on this machine (3 NATS nodes, 2 intake, 2 web, …)"

    def handle(self, *args, **options):
        serve(self.stdout)
