"""Demo data of the directory: the bundled sample (Annuaire export + curated CSV). Idempotent:
structures are keyed by source and source id, so a second run updates them."""

from pathlib import Path

from .importers import import_annuaire, import_csv

DATA = Path(__file__).parent / "data"
ANNUAIRE_SAMPLE = DATA / "annuaire-sample.json"
CSV_SAMPLE = DATA / "structures-sample.csv"


def populate(context=None) -> None:
    import_annuaire(ANNUAIRE_SAMPLE.read_text(encoding="utf-8"))
    import_csv(CSV_SAMPLE.read_text(encoding="utf-8"))
