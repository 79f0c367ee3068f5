"""`egide createadmin`: the first platform administrator of a fresh installation.

The administrator enrols their authenticator at first sign-in, then creates every other account.
"""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from egide.accounts.actor import Actor
from egide.accounts.models import Agency, Membership, User
from egide.accounts.roles import AgencyKind, Role
from egide.audit.choices import Action
from egide.audit.services import record

OPERATOR_NAME = "Exploitant de la plateforme"


class Command(BaseCommand):
    help = "Creates a platform administrator (and the operator agency if there is none)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--departement", default="75", help="of the operator agency")
        parser.add_argument(
            "--password-env",
            metavar="VAR",
            help="read the password from this environment variable instead of asking",
        )

    def handle(self, *args, **options):
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError("This username is already taken.")
        user = User(
            username=options["username"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            email=options["email"],
        )
        user.set_password(self.valid_password(user, options["password_env"]))
        with transaction.atomic():
            user.save()
            membership = Membership.objects.create(
                user=user, agency=self.operator(options["departement"]), role=Role.PLATFORM_ADMIN
            )
            record(Actor.system(), Action.ADMIN, membership, fields=["role"], reason="createadmin")
        self.stdout.write(
            f"Platform administrator #{user.pk} created; the second factor is enrolled at "
            "first sign-in."
        )

    def valid_password(self, user, env_var) -> str:
        password = self.password_from_env(env_var) if env_var else self.password_from_prompt()
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password

    @staticmethod
    def password_from_env(env_var) -> str:
        password = os.environ.get(env_var, "")
        if not password:
            raise CommandError(f"The environment variable {env_var} is empty or not set.")
        return password

    @staticmethod
    def password_from_prompt() -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password

    @staticmethod
    def operator(departement) -> Agency:
        agency = Agency.objects.filter(kind=AgencyKind.PLATFORM_OPERATOR, is_active=True).first()
        return agency or Agency.objects.create(
            name=OPERATOR_NAME, kind=AgencyKind.PLATFORM_OPERATOR, departement=departement
        )
