"""Importing structures from the Service-Public.fr "Annuaire de l'administration — Base de données
locales" JSON export and from curated CSV files.

Every row is validated first; then each valid row is created or updated (by source and source id)
and each invalid one is reported with its line (CSV, header = line 1) or its position in the
"service" list (JSON, from 1) and the reason. A bad row never stops the good ones; a good row is
never half-written.

Annuaire JSON shape (field names of the DILA export, checked against public code using it):
{"service": [{"id", "nom", "pivot": [{"type_service_local", "code_insee_commune"}],
 "adresse": [{"type_adresse", "numero_voie", "complement1", "code_postal", "nom_commune",
 "latitude", "longitude", "accessibilite", "note_accessibilite"}], "telephone": [{"valeur"}],
 "site_internet": [{"valeur"}], "adresse_courriel": [...], "plage_ouverture": [{"nom_jour_debut",
 "nom_jour_fin", "valeur_heure_debut_1", "valeur_heure_fin_1", "valeur_heure_debut_2",
 "valeur_heure_fin_2", "commentaire"}]}]}. The nested lists may also come as JSON strings (the
 API and CSV exports embed them so); both are accepted.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .choices import Service, Source, StructureKind
from .models import Structure
from .places import find_place

# DILA "type_service_local" → our kinds. Other types of the data set are not help structures.
ANNUAIRE_KINDS = {
    "cidf": StructureKind.CIDFF,
    "bav": StructureKind.VICTIM_SUPPORT_OFFICE,
    "commissariat_police": StructureKind.POLICE_STATION,
    "gendarmerie": StructureKind.GENDARMERIE,
    "caf": StructureKind.CAF,
    "msa": StructureKind.MSA,
    "ccas": StructureKind.CCAS,
    "france_services": StructureKind.FRANCE_SERVICES,
}
# The Annuaire does not say what a service offers: what each kind offers to a victim.
ANNUAIRE_SERVICES = {
    StructureKind.CIDFF: [Service.LEGAL, Service.LISTENING, Service.EMPLOYMENT],
    StructureKind.VICTIM_SUPPORT_OFFICE: [Service.LEGAL, Service.LISTENING],
    StructureKind.POLICE_STATION: [Service.COMPLAINT],
    StructureKind.GENDARMERIE: [Service.COMPLAINT],
    StructureKind.CAF: [Service.SOCIAL_RIGHTS],
    StructureKind.MSA: [Service.SOCIAL_RIGHTS],
    StructureKind.CCAS: [Service.SOCIAL_RIGHTS, Service.HOUSING],
    StructureKind.FRANCE_SERVICES: [Service.SOCIAL_RIGHTS],
}
CSV_COLUMNS = (
    "source_id",
    "kind",
    "name",
    "address",
    "postcode",
    "commune",
    "departement",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "hours",
    "languages",
    "accessible",
    "services",
)
TRUE_WORDS = {"1", "oui", "yes", "true", "vrai", "o", "y"}
FALSE_WORDS = {"", "0", "non", "no", "false", "faux", "n"}


class RowError(ValueError):
    """Why one row cannot be imported; the message goes to the report as is."""


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def as_text(self, label: str = "line") -> str:
        lines = [f"{self.created} created, {self.updated} updated, {len(self.rejected)} rejected"]
        lines += [f"  {label} {r.line}: {r.reason}" for r in self.rejected]
        return "\n".join(lines)


def _save(rows: list[tuple[int, dict]], report: ImportReport) -> ImportReport:
    with transaction.atomic():
        for _line, data in rows:
            _, created = Structure.objects.update_or_create(
                source=data["source"], source_id=data["source_id"], defaults=data
            )
            report.created += created
            report.updated += not created
    return report


def _run(records, parse_one) -> ImportReport:
    report, valid, seen = ImportReport(), [], set()
    for line, record in records:
        try:
            data = parse_one(record)
            if data["source_id"] in seen:
                raise RowError(f"duplicate id {data['source_id']!r} in this file")
            valid.append((line, _checked(data)))
            seen.add(data["source_id"])
        except RowError as exc:
            report.rejected.append(Rejection(line, str(exc)))
    return _save(valid, report)


def _checked(data: dict) -> dict:
    """Model-level validation of the fields (lengths, e-mail, URL, choices)."""
    try:
        Structure(**data).full_clean(exclude=["source", "source_id"], validate_unique=False)
    except ValidationError as exc:
        details = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items()
        )
        raise RowError(details) from exc
    return data


# --- Annuaire de l'administration (JSON) ---------------------------------------------------------


def _nested(value) -> list:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except json.JSONDecodeError as exc:
            raise RowError(f"unreadable embedded JSON ({exc.msg})") from exc
    if isinstance(value, dict):
        return [value]
    return list(value or [])


def _first_value(items) -> str:
    return next((str(item.get("valeur", "")).strip() for item in _nested(items) if item), "")


ROUND_THE_CLOCK = ("00:00", "23:59")
EVERY_DAY = ("Lundi", "Dimanche")


def _hours(slots) -> str:
    """One line per slot; "00:00–23:59" reads "24 h/24", Monday to Sunday "7 j/7"."""
    lines = []
    for slot in _nested(slots):
        first, last = slot.get("nom_jour_debut", ""), slot.get("nom_jour_fin", "")
        days = f"{first} – {last}" if last and last != first else first
        spans = [
            (slot[start][:5], slot[end][:5])
            for start, end in (
                ("valeur_heure_debut_1", "valeur_heure_fin_1"),
                ("valeur_heure_debut_2", "valeur_heure_fin_2"),
            )
            if slot.get(start) and slot.get(end)
        ]
        if not (days and spans):
            continue
        if spans == [ROUND_THE_CLOCK]:
            lines.append("7 j/7, 24 h/24" if (first, last) == EVERY_DAY else f"{days} : 24 h/24")
        else:
            lines.append(f"{days} : {', '.join(f'{a}–{b}' for a, b in spans)}")
    return "\n".join(lines)


def _annuaire_kind(record: dict) -> str:
    types = [pivot.get("type_service_local", "") for pivot in _nested(record.get("pivot"))]
    for kind in types:
        if kind in ANNUAIRE_KINDS:
            return ANNUAIRE_KINDS[kind]
    raise RowError(f"type not handled by the directory: {', '.join(types) or 'none'}")


def _annuaire_address(record: dict) -> dict:
    addresses = _nested(record.get("adresse"))
    physical = [a for a in addresses if a.get("type_adresse") == "Adresse"] or addresses
    if not physical:
        raise RowError("no address")
    address = physical[0]
    try:
        latitude, longitude = float(address["latitude"]), float(address["longitude"])
    except (KeyError, TypeError, ValueError) as exc:
        raise RowError("address without coordinates (latitude, longitude)") from exc
    street = " ".join(
        str(address.get(part, "")).strip()
        for part in ("complement1", "numero_voie")
        if address.get(part)
    )
    return {
        "address": street,
        "postcode": str(address.get("code_postal", "")).strip(),
        "commune": str(address.get("nom_commune", "")).strip(),
        "latitude": latitude,
        "longitude": longitude,
        "accessible": str(address.get("accessibilite", "")).upper() == "ACC",
        "accessibility_note": str(address.get("note_accessibilite", ""))[:255],
    }


def _annuaire_record(record) -> dict:
    if not isinstance(record, dict):
        raise RowError("not a JSON object")
    if not record.get("id") or not record.get("nom"):
        raise RowError("missing id or nom")
    data = {
        "source": Source.ANNUAIRE,
        "source_id": str(record["id"]),
        "kind": str(_annuaire_kind(record)),
        "name": str(record["nom"]).strip(),
        "phone": _first_value(record.get("telephone")),
        "website": _first_value(record.get("site_internet")),
        "email": next(iter(_emails(record.get("adresse_courriel"))), ""),
        "hours": _hours(record.get("plage_ouverture")),
        **_annuaire_address(record),
    }
    data["departement"] = _departement(data["postcode"])
    data["services"] = [str(service) for service in ANNUAIRE_SERVICES[data["kind"]]]
    return data


def _emails(value) -> list[str]:
    if isinstance(value, str) and "@" in value and not value.strip().startswith("["):
        return [value.strip()]
    return [str(item).strip() for item in _nested(value) if isinstance(item, str)]


def _departement(postcode: str) -> str:
    if len(postcode) != 5 or not postcode.isdigit():
        raise RowError(f"postcode {postcode!r} is not 5 digits")
    if postcode.startswith("97"):
        return postcode[:3]
    if postcode.startswith("20"):
        return "2A" if postcode < "20200" else "2B"
    return postcode[:2]


def import_annuaire(text: str) -> ImportReport:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RowError(f"not JSON: {exc.msg} (line {exc.lineno})") from exc
    records = document.get("service") if isinstance(document, dict) else document
    if not isinstance(records, list):
        raise RowError('expected {"service": [...]} or a list of services')
    return _run(enumerate(records, start=1), _annuaire_record)


# --- Curated CSV ----------------------------------------------------------------------------------


def _yes_no(value: str) -> bool:
    word = value.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(f"accessible: {value!r} is not oui/non")


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.replace(";", "|").split("|") if item.strip()]


def _coordinates(row: dict) -> tuple[float, float]:
    """The row's coordinates; the commune's from the bundled table when both cells are empty."""
    if not row["latitude"].strip() and not row["longitude"].strip():
        place = find_place(f"{row['postcode']} {row['commune']}")
        if place is None:
            raise RowError("no coordinates and the commune is not in the commune table")
        return place.latitude, place.longitude
    try:
        latitude = float(row["latitude"].replace(",", "."))
        longitude = float(row["longitude"].replace(",", "."))
    except ValueError as exc:
        raise RowError("latitude/longitude are not numbers") from exc
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise RowError("latitude/longitude out of range")
    return latitude, longitude


def _csv_record(row: dict) -> dict:
    missing = [
        name
        for name in ("source_id", "kind", "name", "postcode", "commune")
        if not row[name].strip()
    ]
    if missing:
        raise RowError(f"missing {', '.join(missing)}")
    if row["kind"].strip() not in StructureKind.values:
        raise RowError(f"unknown kind {row['kind']!r}")
    services = _split(row["services"])
    unknown = [s for s in services if s not in Service.values]
    if unknown:
        raise RowError(f"unknown services {', '.join(unknown)}")
    latitude, longitude = _coordinates(row)
    return {
        "source": Source.CSV,
        "source_id": row["source_id"].strip(),
        "kind": row["kind"].strip(),
        "name": row["name"].strip(),
        "address": row["address"].strip(),
        "postcode": row["postcode"].strip(),
        "commune": row["commune"].strip(),
        "departement": row["departement"].strip() or _departement(row["postcode"].strip()),
        "latitude": latitude,
        "longitude": longitude,
        "phone": row["phone"].strip(),
        "email": row["email"].strip(),
        "website": row["website"].strip(),
        "hours": row["hours"].strip().replace(" / ", "\n"),
        "languages": _split(row["languages"]),
        "accessible": _yes_no(row["accessible"]),
        "services": services,
    }


def import_csv(text: str) -> ImportReport:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    absent = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if absent:
        raise RowError(f"line 1: missing columns {', '.join(absent)}")

    def rows():
        for row in reader:
            yield reader.line_num, row

    def parse(row):
        if None in row or any(value is None for value in row.values()):
            raise RowError("wrong number of cells")
        return _csv_record(row)

    return _run(rows(), parse)
