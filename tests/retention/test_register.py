"""The processing register is generated from the code: every role, every encrypted field and every
retention rule appears, and a rule declared tomorrow appears in it without anyone editing it."""

import dataclasses
import gettext
import json
import re
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from egide.accounts.roles import Role
from egide.encryption.rotation import encrypted_fields
from egide.helpline.models import VictimCall
from egide.justice.rules import Dated
from egide.retention import kinds, register
from egide.retention.rules import Keep
from tests.web.test_translation import CATALOGUES


def test_the_register_names_the_purposes_data_recipients_retention_and_measures():
    text = register.as_markdown(register.build(date(2026, 12, 3)))
    assert "The single case file (dossier unique)" in text
    assert "contact sûr (`cases.SafeContact`) : téléphone sûr, courriel sûr" in text
    assert "(`justice.ProtectionOrder`) : motifs de la décision, motif de la levée" in text
    assert all(str(role.label) in text for role in Role)
    assert (
        "| Positions des bracelets (BAR) | la fin du placement | 1 mois | 5 ans 11 mois |" in text
    )
    assert "C. pénit. art. R. 631-11 3°" in text and "non stockées par Égide" in text
    assert "Second facteur (TOTP) obligatoire" in text


def test_a_rule_declared_in_the_code_appears_in_the_register(monkeypatch):
    new_version = Dated(date(2027, 1, 1), Keep(active_months=12), "Décret imaginaire 2026-1")
    changed = tuple(
        dataclasses.replace(kind, rule=(*kind.rule, new_version))
        if kind.code == "victim_calls"
        else kind
        for kind in kinds.KINDS
    )
    trial = Dated(date(2026, 1, 1), Keep(active_days=10), "Règle d'essai")
    added = kinds.DatedRows(
        "test_rows", "Données d'essai", VictimCall, (trial,), "received_at", "l'essai"
    )
    monkeypatch.setattr(kinds, "KINDS", (*changed, added))
    before = register.as_markdown(register.build(date(2026, 12, 31)))
    after = register.as_markdown(register.build(date(2027, 1, 1)))
    assert "Décret imaginaire" not in before.split("| Appels au 3919 |")[1].split("\n")[0]
    assert (
        "| Appels au 3919 | l'appel | 1 an | — | supprimées | Décret imaginaire 2026-1 |" in after
    )
    assert "| Données d'essai | l'essai | 10 jours | — | supprimées | Règle d'essai |" in before


@pytest.mark.django_db
def test_the_register_command_prints_markdown_or_json():
    out = StringIO()
    call_command("register", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {row["kind"] for row in data["retention"]} >= {"bar_positions", "tgd_positions"}
    assert any(p["app"] == "helpline" for p in data["processings"])


@pytest.mark.django_db
def test_the_auditor_reads_the_register_from_the_menu(sign_in_as):
    client = sign_in_as(role=Role.AUDITOR)
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("retention:register") in home
    page = client.get(reverse("retention:register")).content.decode()
    assert "Registre des traitements" in page and "R. 631-11 3°" in page
    assert "mot code" in page and "Auditeur / DPO" in page


@pytest.mark.django_db
def test_an_english_reader_reads_the_whole_register_page_in_english(sign_in_as):
    client = sign_in_as(role=Role.AUDITOR)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("retention:register"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Processing register" in page and "Retention periods" in page
    assert "<td>1 month</td>" in page and "<td>5 years 11 months</td>" in page
    assert "Second factor (TOTP) required for every professional account" in page
    assert "Passwords hashed with " in page
    main = page.split("<main", 1)[1]
    assert not re.search(r"\d+ (an|ans|mois|jours?)\b", main)
    for french in ("Chiffrement", "Journal d'audit", "Purge quotidienne", "Mots de passe"):
        assert french not in main, french
    with translation.override("fr"):
        french = shown_texts(register.build(date(2026, 12, 3)))
    with translation.override("en"):
        english = shown_texts(register.build(date(2026, 12, 3)))
    untranslated = [
        text
        for text, translated in zip(french, english, strict=True)
        if text == translated and text not in english_msgids() | {"—"}
    ]
    assert untranslated == []


def test_every_field_and_model_of_the_register_has_a_french_label():
    """A field or model without a label shows its English code name on the French page."""
    with translation.override("fr"):
        bare_fields = [
            f"{model._meta.label}.{field.name}"
            for model, field in encrypted_fields()
            if str(field.verbose_name) == field.name.replace("_", " ")
        ]
        bare_models = [
            category.model
            for processing in register.processings()
            for category in processing.categories
            if "verbose_name" not in apps.get_model(category.model)._meta.original_attrs
        ]
    assert bare_fields == []
    assert sorted(bare_models) == []


def shown_texts(built: register.Register) -> list[str]:
    """Every text of the register that comes from the code's labels or its own sentences."""
    texts = [t for row in built.retention for t in (row.label, row.counted_from, row.active)]
    texts += [row.archive for row in built.retention] + built.security
    texts += [text for r in built.recipients for text in (r.label, *r.agencies)]
    categories = [c for p in built.processings for c in p.categories]
    return texts + [text for c in categories for text in (c.label, *c.encrypted_fields)]


def english_msgids() -> set[str]:
    """French texts the catalogues translate, some into the same word (incident, IBAN)."""
    msgids = set()
    for path in CATALOGUES:
        with path.open("rb") as mo:
            msgids |= set(gettext.GNUTranslations(mo)._catalog)
    return msgids
