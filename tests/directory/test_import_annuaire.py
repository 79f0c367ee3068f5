"""The Service-Public.fr Annuaire JSON export is imported; unusable services are reported."""

import json

import pytest

from egide.directory.choices import StructureKind
from egide.directory.demo import ANNUAIRE_SAMPLE
from egide.directory.importers import RowError, import_annuaire
from egide.directory.models import Structure

pytestmark = pytest.mark.django_db


def service(**overrides) -> dict:
    record = {
        "id": "abc-1",
        "nom": "CIDFF de l'Eure",
        "pivot": [{"type_service_local": "cidf", "code_insee_commune": ["27229"]}],
        "adresse": [
            {
                "type_adresse": "Adresse",
                "numero_voie": "8 rue de la Petite Cité",
                "code_postal": "27000",
                "nom_commune": "Évreux",
                "latitude": "49.0241",
                "longitude": "1.1508",
                "accessibilite": "ACC",
            }
        ],
        "telephone": [{"valeur": "02 61 91 01 00", "description": ""}],
        "site_internet": [{"libelle": "", "valeur": "https://cidff27.example.org"}],
        "plage_ouverture": [
            {
                "nom_jour_debut": "Lundi",
                "nom_jour_fin": "Vendredi",
                "valeur_heure_debut_1": "09:00:00",
                "valeur_heure_fin_1": "12:00:00",
                "valeur_heure_debut_2": "14:00:00",
                "valeur_heure_fin_2": "17:00:00",
            }
        ],
    }
    record.update(overrides)
    return record


def test_a_service_becomes_a_structure():
    report = import_annuaire(json.dumps({"service": [service()]}))
    assert (report.created, report.rejected) == (1, [])
    cidff = Structure.objects.get()
    assert cidff.kind == StructureKind.CIDFF
    assert (cidff.postcode, cidff.commune, cidff.departement) == ("27000", "Évreux", "27")
    assert (cidff.latitude, cidff.longitude) == (49.0241, 1.1508)
    assert cidff.accessible
    assert cidff.hours == "Lundi – Vendredi : 09:00–12:00, 14:00–17:00"
    assert cidff.website == "https://cidff27.example.org"


def test_embedded_json_strings_are_read():
    record = service(pivot=json.dumps(service()["pivot"]), adresse=json.dumps(service()["adresse"]))
    assert import_annuaire(json.dumps({"service": [record]})).created == 1


def test_reimport_updates_instead_of_duplicating():
    import_annuaire(json.dumps({"service": [service()]}))
    report = import_annuaire(json.dumps({"service": [service(nom="CIDFF 27")]}))
    assert (report.created, report.updated) == (0, 1)
    assert Structure.objects.get().name == "CIDFF 27"


def test_bad_services_are_reported_and_good_ones_imported():
    services = [
        service(),
        service(id="mairie-1", pivot=[{"type_service_local": "mairie"}]),
        service(id="no-coordinates", adresse=[{"type_adresse": "Adresse", "code_postal": "27000"}]),
        service(id="abc-1"),
    ]
    report = import_annuaire(json.dumps({"service": services}))
    assert report.created == 1
    assert [(r.line, r.reason.split(":")[0]) for r in report.rejected] == [
        (2, "type not handled by the directory"),
        (3, "address without coordinates (latitude, longitude)"),
        (4, "duplicate id 'abc-1' in this file"),
    ]


def test_not_json_is_refused_whole():
    with pytest.raises(RowError, match="not JSON"):
        import_annuaire("{oops")
    assert not Structure.objects.exists()


def test_the_bundled_sample_imports_cleanly():
    report = import_annuaire(ANNUAIRE_SAMPLE.read_text(encoding="utf-8"))
    assert report.rejected == []
    assert report.created == 20


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Lundi", "Dimanche", "7 j/7, 24 h/24"),
        ("Samedi", "Dimanche", "Samedi – Dimanche : 24 h/24"),
    ],
)
def test_round_the_clock_hours_read_in_words(first, last, expected):
    slot = {
        "nom_jour_debut": first,
        "nom_jour_fin": last,
        "valeur_heure_debut_1": "00:00:00",
        "valeur_heure_fin_1": "23:59:00",
    }
    import_annuaire(json.dumps({"service": [service(plage_ouverture=[slot])]}))
    assert Structure.objects.get().hours == expected
