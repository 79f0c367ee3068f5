"""Case-file factories: `CaseFactory()` gives a case with both people and a safe contact."""

import datetime

import factory

from egide.accounts.roles import AgencyKind
from egide.cases.choices import CaseOrigin, PersonRole, RelationshipKind
from egide.cases.models import Case, Person, Relationship, SafeContact
from tests.factories import AgencyFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"VIF-27-2026-{n:06d}")
    opening_agency = factory.SubFactory(AgencyFactory)
    departement = factory.SelfAttribute("opening_agency.departement")
    court = factory.SelfAttribute("opening_agency.court")

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted is not False:
            PersonFactory(case=self, role=PersonRole.VICTIM, address="12 rue des Lilas, Évreux")
            PersonFactory(case=self, role=PersonRole.PERPETRATOR)
            SafeContact.objects.create(
                case=self, phone="06 11 22 33 44", times_to_call="après 18 h", code_word="Tilleul"
            )
            Relationship.objects.create(case=self, kind=RelationshipKind.MARRIED)

    class Params:
        hidden = factory.Trait(
            address_hidden=True,
            address_hidden_basis="op_6",
            election_of_domicile="Chez Maître Dupuis, 3 place du Palais, 27000 Évreux",
        )


class SupportCaseFactory(CaseFactory):
    """A support case opened by an association (a CIDFF) without a complaint: no court yet."""

    opening_agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.ASSOCIATION)
    court = None
    opened_as = CaseOrigin.SUPPORT
    complaint_filed = False


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    case = factory.SubFactory(CaseFactory, people=False)
    role = PersonRole.VICTIM
    last_name = factory.Faker("last_name", locale="fr_FR")
    first_name = factory.Faker("first_name", locale="fr_FR")
    birth_date = factory.Faker(
        "date_between",
        start_date=datetime.date(1960, 1, 1),
        end_date=datetime.date(2000, 12, 31),
    )
    phone = "07 98 76 54 32"


def renamed(person: Person, last_name: str, first_name: str | None = None) -> Person:
    """`person`, saved under a name the factories never draw (pick one no other name or word
    contains), so that a test searching a page for it cannot match anything else by chance: the
    drawn names overlap ("Valentin" in "Valentine", "Roux" in "Le Roux", "Marie" is a surname)."""
    person.last_name = last_name
    if first_name is not None:
        person.first_name = first_name
    person.save()
    return person
