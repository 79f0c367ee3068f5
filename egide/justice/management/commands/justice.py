"""`egide justice tick|remind|escalate|expire`: the justice domain's periodic jobs."""

from django.core.management.base import BaseCommand

from egide.justice import reminders, services

JOBS = {
    "tick": reminders.tick,
    "remind": reminders.send_reminders,
    "escalate": services.escalate_overdue_breaches,
    "expire": services.expire_orders,
}


class Command(BaseCommand):
    help = "Runs the justice jobs: reminders before deadlines, breach escalation, order expiry."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS), help="tick runs all of them")

    def handle(self, *args, job, **options):
        self.stdout.write(f"{job}: {JOBS[job]()}")
