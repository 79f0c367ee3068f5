"""Instruments are checksummed data files: a tampered or inconsistent file is refused."""

import json
import shutil

import pytest
from django.core import management

from egide.assessment.instruments import (
    BUNDLED_DIR,
    InstrumentError,
    InstrumentIntegrityError,
    catalogue,
    current_instruments,
    read_directory,
)


@pytest.fixture
def copy_of_bundled(tmp_path):
    directory = tmp_path / "instruments"
    shutil.copytree(BUNDLED_DIR, directory)
    return directory


def test_every_bundled_instrument_loads_with_its_checksum():
    ids = {instrument.id for instrument in current_instruments()}
    assert ids == {
        "fr-police-grid",
        "lap-lethality-screen",
        "safelives-dash",
        "viogen-imported-level",
        "professional-judgement",
        "fr-health-immediate-danger",
    }
    assert all(len(instrument.sha256) == 64 for instrument in catalogue().values())


def test_a_tampered_file_is_refused(copy_of_bundled):
    path = copy_of_bundled / "lap-lethality-screen.json"
    path.write_text(path.read_text().replace('"at_least": 4', '"at_least": 5'))
    with pytest.raises(InstrumentIntegrityError, match="does not match the manifest"):
        read_directory(copy_of_bundled)


def test_a_file_holding_another_instrument_than_the_manifest_says_is_refused(copy_of_bundled):
    manifest_path = copy_of_bundled / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["instruments"][0]["version"] = "99"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(InstrumentError, match="the manifest says"):
        read_directory(copy_of_bundled)


def test_a_manifest_cannot_point_outside_its_directory(copy_of_bundled):
    manifest_path = copy_of_bundled / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["instruments"][0]["file"] = "../elsewhere.json"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(InstrumentError, match="bad file name"):
        read_directory(copy_of_bundled)


def test_the_system_check_reports_a_tampered_agency_instrument(settings, copy_of_bundled):
    (copy_of_bundled / "manifest.json").write_text(
        json.dumps(
            {
                "instruments": [
                    {
                        "id": "licensed",
                        "version": "1",
                        "file": "safelives-dash.json",
                        "sha256": "0" * 64,
                    }
                ]
            }
        )
    )
    settings.ASSESSMENT_INSTRUMENT_DIRS = [str(copy_of_bundled)]
    with pytest.raises(management.base.SystemCheckError, match="assessment.E001"):
        management.call_command("check")


def test_sealing_records_checksums_that_then_load(copy_of_bundled, settings):
    path = copy_of_bundled / "judgement.json"
    data = json.loads((copy_of_bundled / "professional-judgement.json").read_text())
    path.write_text(json.dumps({**data, "id": "agency-judgement"}))
    (copy_of_bundled / "manifest.json").write_text(
        json.dumps({"instruments": [{"id": "agency-judgement", "version": "1", "file": path.name}]})
    )
    management.call_command("instruments", "seal", str(copy_of_bundled))
    settings.ASSESSMENT_INSTRUMENT_DIRS = [str(copy_of_bundled)]
    assert ("agency-judgement", "1") in catalogue()


def test_an_instrument_recommending_an_unknown_measure_cannot_be_sealed(copy_of_bundled):
    path = copy_of_bundled / "professional-judgement.json"
    data = json.loads(path.read_text())
    data["levels"]["high"]["measures"]["mandatory"] = ["teleportation"]
    path.write_text(json.dumps(data))
    with pytest.raises(management.CommandError, match="unknown measure"):
        management.call_command("instruments", "seal", str(copy_of_bundled))
