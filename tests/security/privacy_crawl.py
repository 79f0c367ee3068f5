"""The privacy crawl's two halves: what each demo account must not read, and a bounded crawl.

`Secret`s are the demo's sensitive values (victims' names, home and hidden addresses, safe
phones, code words, victims' home positions, narratives), each with the case it belongs to.
`may_read` is docs/architecture.md's table of who sees what, in the product's own permission
functions: a value is forbidden to a member unless the rule for its kind lets that member read it.

`crawl` follows, as one signed-in client, every same-site link from the home page and the
JSON API's GET routes, without POSTs, logout or language switch, a few URLs per pattern.
"""

import html
import re
from collections import Counter, deque
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from egide.accounts.roles import Role
from egide.api.site import api
from egide.cases import perms as case_perms
from egide.cases.choices import PersonRole
from egide.cases.models import Case, EvidenceRecord, SafeContact
from egide.devices.models import FixedZone
from egide.support.models import EmergencyAidRequest

MONITORING_ROLES = frozenset({Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR})
# Links, and the URLs a page's scripts fetch (the monitoring board's queue and map).
LINK = re.compile(r"""(?:href|data-[a-z-]+-url)=["']([^"']+)["']""")
SKIPPED = ("/static/", "/media/", "/langue/", "/comptes/deconnexion")
MAX_PER_PATTERN = 3
MAX_RESPONSES = 250


@dataclass(frozen=True)
class Secret:
    kind: str  # name, address, hidden_address, safe_contact, position, narrative, evidence
    case: Case
    needles: tuple[str, ...]  # all must appear (a position is its latitude and longitude)
    evidence_id: int | None = None  # the evidence record an "evidence" secret comes from

    def found_in(self, text: str) -> bool:
        return all(needle in text for needle in self.needles)


def _text(value: str) -> str:
    return " ".join(str(value).split()).lower()


def demo_secrets() -> list[Secret]:
    """The sensitive values of every demo case, as they would appear in a page or a JSON body."""
    found = []
    cases = Case.objects.prefetch_related("people", "incidents").select_related("safe_contact")
    for case in cases:
        for person in case.people.all():
            if person.role != PersonRole.VICTIM:
                continue
            for full in (f"{person.first_name} {person.last_name}",
                         f"{person.last_name} {person.first_name}"):  # fmt: skip
                found.append(Secret("name", case, (_text(full),)))
            if person.address.strip():
                kind = "hidden_address" if case.address_hidden else "address"
                found.append(Secret(kind, case, (_text(person.address.splitlines()[0]),)))
        contact = getattr(case, "safe_contact", None)
        if contact is not None:
            for value in (contact.phone, contact.code_word):
                if len(value.strip()) >= 4:
                    found.append(Secret("safe_contact", case, (_text(value),)))
        for incident in case.incidents.all():
            if len(incident.narrative.strip()) >= 20:
                found.append(Secret("narrative", case, (_text(incident.narrative)[:60],)))
    for record in EvidenceRecord.objects.select_related("case"):
        for value in (record.description, record.storage_place):
            found.append(Secret("evidence", record.case, (_text(value)[:60],), record.pk))
    homes = FixedZone.objects.filter(is_victim_home=True).select_related("pairing__order__case")
    for zone in homes:
        found.extend(_position(zone.pairing.order.case, zone.latitude, zone.longitude))
    return found


def hidden_address_cases() -> list[str]:
    """The files whose address is hidden: each account opens them (and follows their links),
    whether or not the few case pages it reaches by links include them."""
    return [case.get_absolute_url() for case in Case.objects.filter(address_hidden=True)]


def _position(case, latitude, longitude) -> list[Secret]:
    """A position as printed with a point (JSON, maps) or a French decimal comma."""
    lat, lon = f"{float(latitude):.4f}", f"{float(longitude):.4f}"
    return [
        Secret("position", case, (lat, lon)),
        Secret("position", case, (lat.replace(".", ","), lon.replace(".", ","))),
    ]


def may_read(membership, secret: Secret) -> bool:
    """docs/architecture.md's "who sees what" for one sensitive value, per the product's rules."""
    case, role = secret.case, membership.role
    if secret.kind in ("address", "hidden_address"):
        # A monitoring operator never reads the home address; hidden ones: procureur and unit.
        return case_perms.can_see_address(membership, case)
    if secret.kind == "narrative":
        access = case_perms.case_access(membership, case)
        return bool(access and access.whole_file)
    if secret.kind == "name":
        if case_perms.can_view_case(membership, case):
            return True
        if role in MONITORING_ROLES:  # the alert needs to know whom to call
            return _is_monitored(case)
        # The CAF/MSA reads the aid requests sent to it, and they carry her name.
        return role == Role.AID_AGENT and _aid_requested(membership, case)
    if secret.kind == "safe_contact":
        if case_perms.can_see_contact(membership, case):
            return True
        return role in MONITORING_ROLES and _is_monitored(case)
    if secret.kind == "evidence":
        # Kept without a complaint: the keeper; police and parquet once she files (perms.py).
        shown = case_perms.visible_evidence(membership, case)
        return shown.filter(pk=secret.evidence_id).exists()
    if secret.kind == "position":
        return role in MONITORING_ROLES or case_perms.can_see_address(membership, case)
    raise ValueError(secret.kind)


def forbidden_to(membership, secrets: list[Secret]) -> list[Secret]:
    """The secrets `membership` may not read, less those equal to one it may read (the demo
    draws narratives from a short list: another case's identical text is no leak)."""
    readable = {secret.needles for secret in secrets if may_read(membership, secret)}
    return [s for s in secrets if s.needles not in readable and not may_read(membership, s)]


def distinguish_code_words() -> None:
    """The demo's code words are everyday words that any page may contain; each gets a spelling
    of its own, so that finding one in a response means it leaked."""
    for contact in SafeContact.objects.exclude(code_word=""):
        contact.code_word = f"{contact.code_word}-{contact.case_id:04d}"
        contact.save(update_fields=["code_word"])


def _is_monitored(case) -> bool:
    return case.alarm_phones.exists() or case.bracelet_orders.exists()


def _aid_requested(membership, case) -> bool:
    return EmergencyAidRequest.objects.filter(case=case, caisse_id=membership.agency_id).exists()


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def api_list_routes() -> list[str]:
    """The JSON API's GET routes that take no path parameter."""
    schema = api.get_openapi_schema()
    return sorted(
        path for path, methods in schema["paths"].items() if "get" in methods and "{" not in path
    )


def crawl(client, starts=("/",)):
    """Yields (url, status, body text) for every same-site GET reachable from `starts`."""
    queue = deque(dict.fromkeys([*starts, *api_list_routes()]))
    seen, per_pattern, fetched = set(queue), Counter(), 0
    while queue and fetched < MAX_RESPONSES:
        url = queue.popleft()
        response = client.get(url)
        fetched += 1
        if response.streaming:  # the live event stream never ends (its events are the API's):
            continue  # left unread and unclosed, as closing ends the test's database connection
        body = response.content.decode("utf-8", "replace")
        yield url, response.status_code, _text(html.unescape(body))
        links = LINK.findall(body) if "html" in response.get("Content-Type", "") else []
        if response.has_header("Location"):
            links.append(response["Location"])
        for href in links:
            link = urldefrag(html.unescape(href)).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/"):
                continue
            if link in seen or link.startswith(SKIPPED):
                continue
            seen.add(link)
            pattern = _pattern(parts.path)
            if per_pattern[pattern] < MAX_PER_PATTERN:
                per_pattern[pattern] += 1
                queue.append(link)
