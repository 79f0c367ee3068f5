"""Curated CSV files: each good row is imported, each bad row reported with its line and reason."""

import pytest
from django.core.management import CommandError, call_command

from egide.directory.demo import CSV_SAMPLE
from egide.directory.importers import CSV_COLUMNS, RowError, import_csv
from egide.directory.models import Structure

pytestmark = pytest.mark.django_db

HEADER = ",".join(CSV_COLUMNS)
GOOD = (
    "mdf-1,maison_des_femmes,Maison des femmes,1 rue A,27000,Évreux,27,49.02,1.15,"
    "02 61 91 00 01,,,Lundi–Vendredi,fr|en,oui,listening|health"
)


def test_good_rows_in_bad_rows_reported_with_line_numbers():
    text = "\n".join(
        [
            HEADER,
            GOOD,
            "x-2,planet,Nowhere,,27000,Évreux,27,49,1,,,,,,non,",
            "x-3,laeo,LAEO,,27000,Évreux,27,north,1,,,,,,non,",
            "x-4,laeo,LAEO sans coordonnées,,27200,Vernon,27,,,,,,,,peut-être,",
            "x-5,laeo,LAEO,,27000,Évreux,27,49,1,,pas-un-courriel,,,,non,",
            "x-6,laeo,,,27000,Évreux,27,49,1,,,,,,non,",
            "x-7,laeo,LAEO de Vernon,,27200,Vernon,27,,,,,,,,non,listening",
            "mdf-1,laeo,Twice,,27000,Évreux,27,49,1,,,,,,non,",
            "x-9,laeo,LAEO,,27000,Évreux,27,49,1,,,,,,non,dancing",
        ]
    )
    report = import_csv(text)
    assert report.created == 2
    assert [r.line for r in report.rejected] == [3, 4, 5, 6, 7, 9, 10]
    reasons = {r.line: r.reason for r in report.rejected}
    assert "unknown kind" in reasons[3]
    assert "not numbers" in reasons[4]
    assert "oui/non" in reasons[5]
    assert "email" in reasons[6]
    assert "missing name" in reasons[7]
    assert "duplicate id" in reasons[9]
    assert "unknown services dancing" in reasons[10]
    vernon = Structure.objects.get(source_id="x-7")
    assert (round(vernon.latitude, 2), round(vernon.longitude, 2)) == (49.09, 1.48)


def test_missing_columns_refuse_the_whole_file():
    with pytest.raises(RowError, match="missing columns"):
        import_csv("name,kind\nA,laeo\n")
    assert not Structure.objects.exists()


def test_command_prints_the_report(tmp_path, capsys):
    path = tmp_path / "structures.csv"
    path.write_text(f"{HEADER}\n{GOOD}\nx,planet,N,,27000,Évreux,27,49,1,,,,,,non,\n")
    call_command("directory", "import", str(path), "--format", "csv")
    output = capsys.readouterr().out
    assert "1 created, 0 updated, 1 rejected" in output
    assert "line 3: unknown kind 'planet'" in output


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("directory", "import", str(tmp_path / "nope.csv"), "--format", "csv")


def test_the_bundled_sample_imports_cleanly():
    report = import_csv(CSV_SAMPLE.read_text(encoding="utf-8"))
    assert report.rejected == []
    assert report.created == 29
