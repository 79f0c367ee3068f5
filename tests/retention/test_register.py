"""The processing register is generated from the code: every role, every encrypted field and every
retention rule appears, and a rule declared tomorrow appears in it without anyone editing it."""

import dataclasses
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from egide.accounts.roles import Role
from egide.helpline.models import VictimCall
from egide.justice.rules import Dated
from egide.retention import kinds, register
from egide.retention.rules import Keep


def test_the_register_names_the_purposes_data_recipients_retention_and_measures():
    text = register.as_markdown(register.build(date(2026, 12, 3)))
    assert "The single case file (dossier unique)" in text
    assert "contact sûr (`cases.SafeContact`) : téléphone sûr, courriel sûr" in text
    assert all(str(role.label) in text for role in Role)
    assert (
        "| Positions des bracelets (BAR) | la fin du placement | 1 mois | 5 an(s) 11 mois |" in text
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
        "| Appels au 3919 | l'appel | 1 an(s) | — | supprimées | Décret imaginaire 2026-1 |"
        in after
    )
    assert "| Données d'essai | l'essai | 10 jour(s) | — | supprimées | Règle d'essai |" in before


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
