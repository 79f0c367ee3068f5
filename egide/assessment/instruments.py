"""Assessment instruments as data: loading, checksum verification and lookup.

Each instrument version is a JSON file listed in a directory's `manifest.json` with its SHA-256.
A file whose digest differs from the manifest is refused: instruments change only through a
reviewed change of both the file and the manifest (see instruments/README.md). Agencies add their
licensed instruments (e.g. the Campbell Danger Assessment) as another directory listed in
`settings.ASSESSMENT_INSTRUMENT_DIRS`.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from types import MappingProxyType

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.translation import get_language

from .levels import SCALE
from .measures import Measure

BUNDLED_DIR = Path(__file__).resolve().parent / "instruments"
MANIFEST = "manifest.json"

YES, NO, UNKNOWN, NOT_ASKED = "yes", "no", "unknown", "not_asked"
ANSWERS = (YES, NO, UNKNOWN, NOT_ASKED)
# Answers that carry no information: never counted as "yes", never as "no".
MISSING = (UNKNOWN, NOT_ASKED)

VERIFICATION = ("confirmed", "one_source", "unverified")
STRATEGIES = ("count", "rules", "weighted_sum", "external_level", "judgement")
RULE_KINDS = ("any_yes", "at_least_yes", "input_at_least", "assessor_belief")
INPUTS = ("recent_incidents", "assessor_belief", "external_level", "judgement")
OVERRIDE_DIRECTIONS = ("raise_only", "both")


class InstrumentError(Exception):
    """An instrument file that cannot be used: unreadable, inconsistent or unknown."""


class InstrumentIntegrityError(InstrumentError):
    """An instrument file whose content does not match the checksum in its manifest."""


@dataclass(frozen=True)
class Text:
    """A text in French and English; renders in the active language, French by default."""

    fr: str
    en: str = ""

    def __str__(self) -> str:
        language = (get_language() or "fr")[:2]
        return (self.en if language == "en" else "") or self.fr


@dataclass(frozen=True)
class Item:
    id: str
    number: int
    section: str
    text: Text
    flags: frozenset[str]
    weights: MappingProxyType
    verification: str
    reconstructed: bool

    @property
    def is_red(self) -> bool:
        return "red" in self.flags


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class LevelPolicy:
    """What a level means in this instrument: its own name, measures, re-assessment deadline."""

    level: str
    label: Text | None
    actions: Text | None  # what to do right away, e.g. LAP's call to the helpline
    reassess_within: timedelta
    mandatory: tuple[str, ...]
    complementary: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    sha256: str
    title: Text
    summary: Text
    notice: Text | None
    jurisdiction: str
    licence: str
    official: bool
    sources: tuple[MappingProxyType, ...]
    verification: MappingProxyType
    sections: tuple[Section, ...]
    scoring: MappingProxyType
    inputs: MappingProxyType
    levels: MappingProxyType
    override_direction: str
    retired: bool = False
    # The roles the instrument is meant for; empty: every role that assesses.
    audience: frozenset[str] = frozenset()
    items: tuple[Item, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "items", tuple(i for s in self.sections for i in s.items))

    @property
    def strategy(self) -> str:
        return self.scoring["strategy"]

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise InstrumentError(f"{self.id} {self.version}: no item {item_id!r}")

    def select(self, spec) -> tuple[Item, ...]:
        """The items a rule or band applies to: listed ids, a flag, or every item."""
        if "items" in spec:
            return tuple(self.item(item_id) for item_id in spec["items"])
        if "flag" in spec:
            return tuple(item for item in self.items if spec["flag"] in item.flags)
        return self.items

    def policy(self, level: str) -> LevelPolicy:
        return self.levels[level]


def _freeze(value):
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(inner) for key, inner in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(inner) for inner in value)
    return value


def _text(data, where: str) -> Text:
    if not isinstance(data, dict) or not data.get("fr"):
        raise InstrumentError(f"{where}: a text needs at least its French version")
    return Text(fr=data["fr"], en=data.get("en", ""))


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise InstrumentError(message)


def _parse_item(data, section_id: str, number: int, where: str) -> Item:
    verification = data.get("verification", "confirmed")
    _check(verification in VERIFICATION, f"{where}: verification {verification!r}")
    weights = data.get("weights", {})
    _check(set(weights) <= set(ANSWERS), f"{where}: weights for unknown answers")
    return Item(
        id=data["id"],
        number=number,
        section=section_id,
        text=_text(data.get("text"), where),
        flags=frozenset(data.get("flags", ())),
        weights=MappingProxyType({key: float(value) for key, value in weights.items()}),
        verification=verification,
        reconstructed=bool(data.get("reconstructed", False)),
    )


def _parse_sections(data, name: str) -> tuple[Section, ...]:
    sections, number = [], 0
    for section in data.get("sections", ()):
        items = []
        for item in section["items"]:
            number += 1
            items.append(_parse_item(item, section["id"], number, f"{name} {item.get('id')}"))
        sections.append(Section(section["id"], _text(section["title"], name), tuple(items)))
    ids = [item.id for section in sections for item in section.items]
    _check(len(ids) == len(set(ids)), f"{name}: duplicate item ids")
    return tuple(sections)


def _parse_level(level: str, data, name: str) -> LevelPolicy:
    measures = data.get("measures", {})
    for code in (*measures.get("mandatory", ()), *measures.get("complementary", ())):
        _check(code in Measure.values, f"{name}: unknown measure {code!r}")
    return LevelPolicy(
        level=level,
        label=_text(data["label"], name) if "label" in data else None,
        actions=_text(data["actions"], name) if "actions" in data else None,
        reassess_within=timedelta(days=data["reassess_within_days"]),
        mandatory=tuple(measures.get("mandatory", ())),
        complementary=tuple(measures.get("complementary", ())),
    )


def _check_scoring(instrument: Instrument) -> None:
    scoring, name = instrument.scoring, f"{instrument.id} {instrument.version}"
    _check(instrument.strategy in STRATEGIES, f"{name}: strategy {instrument.strategy!r}")
    for band in scoring.get("bands", ()):
        _check(band["level"] in SCALE, f"{name}: band level {band['level']!r}")
    for rule in scoring.get("rules", ()):
        _check(rule["kind"] in RULE_KINDS, f"{name}: rule kind {rule['kind']!r}")
        _check(rule["level"] in SCALE, f"{name}: rule level {rule['level']!r}")
        instrument.select(rule)  # every listed item must exist
    for level in scoring.get("external_levels", {}).values():
        _check(level in SCALE, f"{name}: external level maps to {level!r}")
    for level in (scoring.get("otherwise"),):
        _check(level is None or level in SCALE, f"{name}: otherwise {level!r}")


def parse_instrument(data: dict, sha256: str) -> Instrument:
    """Builds an Instrument from its decoded JSON; raises InstrumentError on any inconsistency."""
    name = f"{data.get('id')} {data.get('version')}"
    try:
        levels = {level: _parse_level(level, data["levels"][level], name) for level in SCALE}
        _check(set(data["inputs"]) <= set(INPUTS), f"{name}: unknown inputs")
        _check(data["override"]["direction"] in OVERRIDE_DIRECTIONS, f"{name}: override")
        _check(set(data["verification"].values()) <= set(VERIFICATION), f"{name}: verification")
        instrument = Instrument(
            id=data["id"],
            version=data["version"],
            sha256=sha256,
            title=_text(data["title"], name),
            summary=_text(data["summary"], name),
            notice=_text(data["notice"], name) if "notice" in data else None,
            jurisdiction=data["jurisdiction"],
            licence=data["licence"],
            official=bool(data["official"]),
            sources=_freeze(data["sources"]),
            verification=_freeze(data["verification"]),
            sections=_parse_sections(data, name),
            scoring=_freeze(data["scoring"]),
            inputs=_freeze(data["inputs"]),
            levels=MappingProxyType(levels),
            override_direction=data["override"]["direction"],
            audience=frozenset(data.get("audience", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InstrumentError(f"{name}: malformed instrument ({error!r})") from error
    _check_scoring(instrument)
    return instrument


def read_instrument(path: Path, expected_sha256: str) -> Instrument:
    """Reads one instrument file, refusing it unless its SHA-256 is the expected one."""
    raw = path.read_bytes()
    actual = hashlib.sha256(raw).hexdigest()
    if not hmac.compare_digest(actual, expected_sha256.lower()):
        raise InstrumentIntegrityError(
            f"{path.name}: SHA-256 {actual} does not match the manifest ({expected_sha256})"
        )
    return parse_instrument(json.loads(raw), actual)


def read_directory(directory: Path) -> list[Instrument]:
    """Every instrument a manifest lists, each checked against its recorded checksum."""
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    instruments = []
    for entry in manifest["instruments"]:
        file_name = entry["file"]
        # A manifest names files of its own directory only.
        _check(Path(file_name).name == file_name, f"{directory}: bad file name {file_name!r}")
        instrument = read_instrument(directory / file_name, entry["sha256"])
        _check(
            instrument.key == (entry["id"], entry["version"]),
            f"{file_name}: holds {instrument.key}, the manifest says {entry['id']} "
            f"{entry['version']}",
        )
        if entry.get("retired"):
            object.__setattr__(instrument, "retired", True)
        instruments.append(instrument)
    return instruments


def instrument_dirs() -> list[Path]:
    extra = settings.ASSESSMENT_INSTRUMENT_DIRS
    return [BUNDLED_DIR, *(Path(directory) for directory in extra)]


@cache
def catalogue() -> dict[tuple[str, str], Instrument]:
    """Every known instrument version, keyed by (id, version)."""
    found = {}
    for directory in instrument_dirs():
        for instrument in read_directory(directory):
            _check(instrument.key not in found, f"{instrument.key} is listed twice")
            found[instrument.key] = instrument
    return found


def get_instrument(instrument_id: str, version: str) -> Instrument:
    try:
        return catalogue()[(instrument_id, version)]
    except KeyError:
        raise InstrumentError(f"unknown instrument {instrument_id} {version}") from None


def current_instruments() -> list[Instrument]:
    """The version of each instrument offered for new assessments: the last one not retired."""
    current = {}
    for instrument in catalogue().values():
        if not instrument.retired:
            current[instrument.id] = instrument
    return list(current.values())


def instruments_for(role: str) -> list[Instrument]:
    """The current instruments suited to `role`: those meant for it first, then the general ones."""
    suited = [i for i in current_instruments() if not i.audience or role in i.audience]
    return sorted(suited, key=lambda instrument: role not in instrument.audience)


def suited_instrument(instrument_id: str, role: str) -> Instrument:
    """The current version of an instrument meant for `role`; InstrumentError otherwise."""
    for instrument in instruments_for(role):
        if instrument.id == instrument_id:
            return instrument
    raise InstrumentError(f"{instrument_id} is not an instrument for {role}")


def current_instrument(instrument_id: str) -> Instrument:
    for instrument in current_instruments():
        if instrument.id == instrument_id:
            return instrument
    raise InstrumentError(f"no current version of {instrument_id}")


def _forget_catalogue(setting, **kwargs):
    if setting == "ASSESSMENT_INSTRUMENT_DIRS":
        catalogue.cache_clear()


setting_changed.connect(_forget_catalogue)
