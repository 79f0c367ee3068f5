"""Seeding the demo: agencies, accounts, then every domain's own demo data.

A domain plugs in by defining, in `egide/<app>/demo.py`:

    def populate(context: DemoContext) -> None: ...

`populate` must be idempotent (running `egide demo` twice must not duplicate anything: use
get_or_create / update_or_create on natural keys). Domains run in INSTALLED_APPS order, so cases
exist before the domains that hang data on them. The context holds:

- `agencies`: the demo agencies by key (see `egide.demo.territory`, e.g. "police_evreux",
  "tj_evreux", "monitoring", "cidff_eure", "police_caen");
- `memberships`: the demo accounts' memberships (see `egide.demo.people.ACCOUNTS`);
- `faker`: a fr_FR Faker seeded with a constant, so every run generates the same people.

`context.acting(role, agency_key)` is the actor a domain's services take as the author: that
demo account, acting in that role.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from faker import Faker

from egide.accounts.actor import Actor
from egide.accounts.models import Agency, Membership

from .people import seed_accounts
from .territory import seed_agencies

FAKER_SEED = 2027


@dataclass
class DemoContext:
    agencies: dict[str, Agency]
    memberships: list[Membership]
    faker: Faker

    def member(self, role: str, agency_key: str) -> Membership:
        """The demo membership of `role` in the agency `agency_key`."""
        agency = self.agencies[agency_key]
        return next(m for m in self.memberships if m.role == role and m.agency_id == agency.pk)

    def acting(self, role: str, agency_key: str) -> Actor:
        """That demo account acting, for the services that take an author."""
        return Actor.for_membership(self.member(role, agency_key))


def domain_seeders() -> list:
    """The `populate` function of every Égide app that has a `demo` module."""
    seeders = []
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("egide.") and module_has_submodule(app_config.module, "demo"):
            seeders.append(import_module(f"{app_config.name}.demo").populate)
    return seeders


@transaction.atomic
def seed() -> DemoContext:
    faker = Faker("fr_FR")
    faker.seed_instance(FAKER_SEED)
    agencies = seed_agencies()
    context = DemoContext(agencies, seed_accounts(agencies, faker), faker)
    for populate in domain_seeders():
        faker.seed_instance(FAKER_SEED)
        populate(context)
    return context
