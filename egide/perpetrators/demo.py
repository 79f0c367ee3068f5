"""Demo for the national perpetrator index: the man of the Évreux demo cases (Jérôme Lefèbvre)
recorded again in Caen, names inverted and without accents, so the Caen officer
("policier.caen") sees "Auteur connu ailleurs" and which Eure unit to call. Idempotent."""

from egide.accounts.roles import Role
from egide.cases import services as case_services
from egide.cases.choices import PersonRole, RelationshipKind
from egide.cases.models import Person, Relationship, SafeContact
from egide.cases.search_keys import name_key

UNIT = "police_caen"


def populate(context) -> None:
    perpetrators = Person.objects.filter(role=PersonRole.PERPETRATOR)
    original = perpetrators.filter(
        last_name_key=name_key("Lefèbvre"), first_name_key=name_key("Jérôme")
    ).first()
    caen = context.agencies[UNIT]
    inverted = perpetrators.filter(case__opening_agency=caen, last_name_key=name_key("Jerome"))
    if original is None or inverted.exists():
        return
    officer = context.acting(Role.POLICE_OFFICER, UNIT)
    case = case_services.open_case(officer, masking={})
    Person.objects.create(
        case=case,
        role=PersonRole.VICTIM,
        last_name=context.faker.last_name(),
        first_name=context.faker.first_name_female(),
    )
    Person.objects.create(
        case=case,
        role=PersonRole.PERPETRATOR,
        last_name="JEROME",
        first_name="LEFEBVRE",
        birth_date=original.birth_date,
    )
    Relationship.objects.create(case=case, kind=RelationshipKind.EX_PARTNER)
    SafeContact.objects.create(case=case, phone="06 27 14 14 27")
