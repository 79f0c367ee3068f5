from pathlib import Path

import pytest

TEST_INSTRUMENTS = Path(__file__).parent / "instruments"


@pytest.fixture
def test_instruments(settings):
    """Adds the fictitious test instruments (weighted sum, count) to the catalogue."""
    settings.ASSESSMENT_INSTRUMENT_DIRS = [str(TEST_INSTRUMENTS)]
    return TEST_INSTRUMENTS
