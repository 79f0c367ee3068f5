"""What a member is shown of a case, with masking applied, and the names of the fields shown.

Pages, search results, printouts and the API all read a case through `CaseDisclosure`, so the
hidden address is replaced by the élection de domicile in one place, and the audit entry lists
exactly the fields that left the database (names only, never values).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from egide.accounts.actor import Actor
from egide.audit.choices import Action
from egide.audit.services import append, entry_for

from . import perms
from .choices import PersonRole

# Roles whose address is the victim's household, hidden with hers.
HOUSEHOLD_ROLES = frozenset({PersonRole.VICTIM, PersonRole.CHILD})


@dataclass
class CaseDisclosure:
    membership: object
    case: object
    # The member's access to the case, when the caller computed it (otherwise computed here).
    access: perms.Access | None = None
    fields: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.access = self.access or perms.case_access(self.membership, self.case)
        self.address_visible = perms.can_see_address(self.membership, self.case, self.access)
        self.contact_visible = perms.can_see_contact(self.membership, self.case, self.access)

    @property
    def whole_file(self) -> bool:
        return bool(self.access and self.access.whole_file)

    def shown(self, *names: str) -> None:
        self.fields.update(names)

    def address_of(self, person) -> dict:
        """The address to show: the real one, or the élection de domicile, or nothing."""
        hidden = self.case.address_hidden and person.role in HOUSEHOLD_ROLES
        if hidden and not self.address_visible:
            self.shown("case.election_of_domicile")
            return {"text": self.case.election_of_domicile, "is_election": True}
        if not self.address_visible and person.role in HOUSEHOLD_ROLES:
            return {"text": "", "is_election": False}
        if person.address:
            self.shown(f"{person.role}.address")
        return {"text": person.address, "is_election": False}

    def identity(self, person) -> dict:
        self.shown(f"{person.role}.last_name", f"{person.role}.first_name")
        data = {
            "id": person.pk,
            "role": person.role,
            "role_label": person.get_role_display(),
            "last_name": person.last_name,
            "first_name": person.first_name,
            "birth_date": person.birth_date,
            "birth_year": person.birth_year,
        }
        if person.birth_date or person.birth_year:
            self.shown(f"{person.role}.birth_date")
        return data

    def person(self, person) -> dict:
        data = self.identity(person)
        data["address"] = self.address_of(person)
        reachable = person.role not in HOUSEHOLD_ROLES or self.contact_visible
        data["phone"] = person.phone if reachable else ""
        data["email"] = person.email if reachable else ""
        if reachable and (person.phone or person.email):
            self.shown(f"{person.role}.phone", f"{person.role}.email")
        return data

    def people(self) -> list[dict]:
        """The whole file shows everyone; a support-plan share shows the victim and children."""
        people = list(self.case.people.all())
        if not self.whole_file:
            people = [person for person in people if person.role in HOUSEHOLD_ROLES]
        return [self.person(person) for person in people]

    def safe_contact(self):
        contact = getattr(self.case, "safe_contact", None)
        if contact is None or not self.contact_visible:
            return None
        self.shown("safe_contact.phone", "safe_contact.email", "safe_contact.times_to_call")
        self.shown("safe_contact.code_word")
        return contact

    def incidents(self) -> list:
        if not self.whole_file:
            return []
        incidents = list(self.case.incidents.all())
        if incidents:
            self.shown("incident.narrative", "incident.violence_forms", "incident.commune")
        return incidents

    def audit_entry(self, actor: Actor, action: str = Action.READ):
        """The audit entry of what was shown; a break-glass read is flagged to the auditor."""
        reason = _("accès d'urgence") if self.access and self.access.door == "break_glass" else ""
        return entry_for(
            actor,
            action,
            self.case,
            fields=self.fields,
            reason=reason,
            flagged=bool(reason),
        )

    def audit(self, actor: Actor, action: str = Action.READ) -> None:
        append(self.audit_entry(actor, action))


def victim_label(case, disclosure_fields: set[str]) -> str:
    """The victim's name as a list or search result shows it (household names are not hidden)."""
    victim = case.victim
    if victim is None:
        return ""
    disclosure_fields.update({"victim.last_name", "victim.first_name"})
    return f"{victim.last_name.upper()} {victim.first_name}"
