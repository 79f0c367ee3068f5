"""`egide demo`: migrate, seed the synthetic département, print the logins, serve.

`egide demo code USERNAME` prints a demo account's current TOTP code instead.
"""

import uvicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import autodiscover_modules
from django_otp.plugins.otp_totp.models import TOTPDevice
from huey.contrib.djhuey import HUEY

from egide.demo.people import DEMO_PASSWORD, current_code
from egide.demo.seed import seed
from egide.tools.simulator import start_in_background

ASGI_APP = "egide.asgi:application"


def start_job_consumer():
    """The periodic jobs (reminders, breach escalation, order expiry) in threads of this process,
    so the demo's deadlines move without a separate `egide run_huey`."""
    autodiscover_modules("tasks")
    consumer = HUEY.create_consumer(workers=1, worker_type="thread")
    consumer.start()
    return consumer


class Command(BaseCommand):
    help = "Runs the demonstration: synthetic data, one account per role, served locally."

    def add_arguments(self, parser):
        parser.add_argument(
            "action", nargs="?", choices=["code"], help="code: print a TOTP code and exit"
        )
        parser.add_argument("username", nargs="?", help="the demo account for `code`")
        parser.add_argument("--no-serve", action="store_true", help="seed, then exit")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, action=None, username=None, no_serve=False, port=8000, **options):
        if not settings.DEMO:
            raise CommandError(
                "egide demo creates accounts with a published password: it only runs with "
                "EGIDE_DEMO=1 (`make demo` sets it)."
            )
        if action == "code":
            self.print_code(username)
            return
        call_command("migrate", interactive=False, verbosity=0)
        context = seed()
        self.print_logins(context.memberships)
        if not no_serve:
            self.stdout.write(f"Égide (démonstration) : http://127.0.0.1:{port}/  — Ctrl-C to stop")
            # Simulated bracelets and phones move, and the engine worker turns them into alerts.
            start_in_background()
            jobs = start_job_consumer()
            uvicorn.run(ASGI_APP, host="127.0.0.1", port=port, lifespan="off", log_config=None)
            jobs.stop(graceful=True)

    def print_code(self, username):
        if not username:
            raise CommandError("usage: egide demo code USERNAME")
        try:
            self.stdout.write(current_code(username))
        except TOTPDevice.DoesNotExist as exc:
            raise CommandError(f"no demo account named {username!r}") from exc

    def print_logins(self, memberships):
        """One line per account; an account with several roles lists them under its name once,
        and says how to switch between them."""
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (synthetic data)"))
        width = max(len(m.user.username) for m in memberships) + 2
        by_user: dict[str, list] = {}
        for m in memberships:
            by_user.setdefault(m.user.username, []).append(m)
        for username, roles in by_user.items():
            first, *others = roles
            self.stdout.write(f"  {username:<{width}}{first.get_role_display()} — {first.agency}")
            for other in others:
                role = f"{other.get_role_display()} — {other.agency}"
                self.stdout.write(f"  {'':<{width}}{role} (same account, second role)")
            if others:
                self.stdout.write(
                    f"  {'':<{width}}→ one sign-in, {len(roles)} roles: switch between them with "
                    '"Changer de rôle" in the header.'
                )
        self.stdout.write(
            f"Password for every account: {DEMO_PASSWORD}\n"
            "Second factor: `make demo-code ACCOUNT=USERNAME` prints the current TOTP code."
        )
