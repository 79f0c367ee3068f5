"""The processing register (RGPD art. 30), ready for the DPIA, generated from the code itself.

Nothing here is written by hand, so the register cannot drift from what the platform does:
- the processings and their purposes: each Égide app that stores data, and the first line of its
  models' docstring;
- the categories of data: each model, its encrypted (personal) fields named by their labels;
- the recipients: the roles table (`accounts/roles.py`), the agencies that may hold each role and
  whether it reads case data;
- the retention: the rules of `retention/rules.py` as in force today, with their sources;
- the security measures: read from the settings and the code that applies them.
"""

import inspect
from dataclasses import asdict, dataclass, field
from datetime import date

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egide.accounts.roles import ROLE_AGENCY_KINDS, AgencyKind, Role, reads_case_data
from egide.encryption.keyring import keyring
from egide.encryption.rotation import encrypted_fields

from . import kinds, rules


@dataclass
class Category:
    model: str
    label: str
    encrypted_fields: list[str]


@dataclass
class Processing:
    app: str
    purpose: str
    categories: list[Category] = field(default_factory=list)


@dataclass
class Recipient:
    role: str
    label: str
    agencies: list[str]
    reads_case_data: bool


@dataclass
class Retention:
    kind: str
    label: str
    counted_from: str
    active: str
    archive: str
    deleted: bool
    stored: bool
    source: str


@dataclass
class Register:
    generated_on: str
    processings: list[Processing]
    recipients: list[Recipient]
    retention: list[Retention]
    security: list[str]

    def as_dict(self) -> dict:
        return asdict(self)


def _purpose(app_config) -> str:
    module = getattr(app_config, "models_module", None)
    doc = inspect.getdoc(module) if module is not None else None
    return doc.split("\n\n")[0].replace("\n", " ") if doc else str(app_config.verbose_name)


def processings() -> list[Processing]:
    personal = {}
    for model, encrypted in encrypted_fields():
        personal.setdefault(model, []).append(str(encrypted.verbose_name))
    result = []
    for app_config in apps.get_app_configs():
        models = list(app_config.get_models())
        if not app_config.name.startswith("egide.") or not models:
            continue
        processing = Processing(app=app_config.label, purpose=_purpose(app_config))
        for model in models:
            processing.categories.append(
                Category(
                    model=model._meta.label,
                    label=str(model._meta.verbose_name),
                    encrypted_fields=personal.get(model, []),
                )
            )
        result.append(processing)
    return result


def recipients() -> list[Recipient]:
    return [
        Recipient(
            role=role.value,
            label=str(role.label),
            agencies=sorted(str(AgencyKind(kind).label) for kind in ROLE_AGENCY_KINDS[role]),
            reads_case_data=reads_case_data(role),
        )
        for role in Role
    ]


def _months(months: int, days: int = 0) -> str:
    years, months = divmod(months, 12)
    parts = [ngettext("%(n)d an", "%(n)d ans", years) % {"n": years}] if years else []
    parts += [ngettext("%(n)d mois", "%(n)d mois", months) % {"n": months}] if months else []
    parts += [ngettext("%(n)d jour", "%(n)d jours", days) % {"n": days}] if days else []
    return " ".join(parts) or "—"


def retention(today: date) -> list[Retention]:
    rows = []
    for kind in kinds.KINDS:
        keep, source = rules.keep(kind.rule, today)
        rows.append(
            Retention(
                kind=kind.code,
                label=str(kind.label),
                counted_from=str(kind.counted_from),
                active=_months(keep.active_months, keep.active_days),
                archive=_months(keep.archive_months),
                deleted=keep.purge,
                stored=True,
                source=source,
            )
        )
    for label, rule, counted_from in kinds.NOT_STORED:
        keep, source = rules.keep(rule, today)
        rows.append(
            Retention(
                kind="",
                label=str(label),
                counted_from=str(counted_from),
                active=_months(keep.active_months, keep.active_days),
                archive=_months(keep.archive_months),
                deleted=keep.purge,
                stored=False,
                source=source,
            )
        )
    return rows


def security() -> list[str]:
    """The measures in force, each read from where the code applies it."""
    measures = [
        _(
            "Chiffrement AES-256-GCM de %(fields)s champs personnels, %(keys)s clé(s) en service, "
            "hors de la base (EGIDE_FIELD_KEYS)"
        )
        % {"fields": sum(1 for _field in encrypted_fields()), "keys": len(keyring().keys)},
        _(
            "Journal d'audit en ajout seul, chaîné et scellé par HMAC, points de contrôle signés "
            "hors de la base (egide audit verify)"
        ),
        _("Mots de passe hachés par %(hasher)s")
        % {"hasher": settings.PASSWORD_HASHERS[0].rsplit(".", 1)[1]},
        _("Accès refusé par défaut, décidé par objet : rôle × structure × territoire × partage"),
    ]
    if "django_otp.middleware.OTPMiddleware" in settings.MIDDLEWARE:
        measures.append(_("Second facteur (TOTP) obligatoire pour tout compte professionnel"))
    measures.append(
        _(
            "Sauvegardes chiffrées (AES-256-GCM, EGIDE_BACKUP_KEY), sans les clés de champ ; "
            "restauration vérifiée (egide restore)"
        )
    )
    measures.append(
        _("Purge quotidienne selon %(rules)s règles de conservation (egide purge)")
        % {"rules": len(kinds.KINDS)}
    )
    return measures


def build(today: date | None = None) -> Register:
    today = today or timezone.localdate()
    return Register(
        generated_on=today.isoformat(),
        processings=processings(),
        recipients=recipients(),
        retention=retention(today),
        security=security(),
    )


def as_markdown(register: Register) -> str:
    lines = [f"# Registre des traitements — Égide ({register.generated_on})", ""]
    lines += ["## Traitements, finalités et catégories de données", ""]
    for processing in register.processings:
        lines += [f"### {processing.app}", "", processing.purpose, ""]
        for category in processing.categories:
            encrypted = ", ".join(category.encrypted_fields) or "aucun champ chiffré"
            lines.append(f"- {category.label} (`{category.model}`) : {encrypted}")
        lines.append("")
    lines += [
        "## Destinataires (rôles)",
        "",
        "| rôle | structures | lit les dossiers |",
        "|---|---|---|",
    ]
    for recipient in register.recipients:
        case_data = "oui" if recipient.reads_case_data else "non"
        lines.append(f"| {recipient.label} | {', '.join(recipient.agencies)} | {case_data} |")
    lines += ["", "## Durées de conservation", ""]
    lines += [
        "| données | à compter de | base active | archive | ensuite | source |",
        "|---|---|---|---|---|---|",
    ]
    for row in register.retention:
        then = "supprimées" if row.deleted else "signalées, non supprimées"
        if not row.stored:
            then = "non stockées par Égide"
        lines.append(
            f"| {row.label} | {row.counted_from} | {row.active} | {row.archive} | {then} "
            f"| {row.source} |"
        )
    lines += ["", "## Mesures de sécurité", ""]
    lines += [f"- {measure}" for measure in register.security]
    return "\n".join(lines) + "\n"
