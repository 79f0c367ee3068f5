"""The live pipeline's input, exported for `egide monitor replay`: the engine configuration and
the fixes in the exact order the engine processed them (batch, then arrival)."""

import io
from pathlib import Path

from egide.engine.replay import replay

from .models import EngineCheckpoint, Fix
from .pipeline import EMBEDDED_PARTITION


def export(directory: Path, partition: str = EMBEDDED_PARTITION) -> tuple[Path, Path]:
    checkpoint = EngineCheckpoint.objects.get(partition=partition)
    pairings = directory / "pairings.json"
    pairings.write_text(checkpoint.config, encoding="utf-8")
    fixes = directory / "fixes.csv"
    rows = (
        Fix.objects.filter(batch__isnull=False)
        .order_by("batch", "id")
        .values_list("device_id", "ts", "lat", "lon", "accuracy_m", "battery_pct", "alarm")
    )
    write_csv(fixes, rows.iterator(chunk_size=5000))
    return pairings, fixes


def replayed_event_ids(directory: Path, partition: str = EMBEDDED_PARTITION) -> list[str]:
    """Ids of the events `monitor replay` gives for what the live pipeline processed."""
    import json

    pairings, fixes = export(directory, partition)
    out = io.StringIO()
    replay(str(pairings), str(fixes), out, io.StringIO())
    return [json.loads(line)["id"] for line in out.getvalue().splitlines()]


def write_csv(path, rows) -> None:
    """FIXES.csv of `monitor replay` from (device_id, ts_ns, lat, lon, accuracy, battery, alarm)."""
    from egide.engine.timestamps import format_iso

    def cell(value):
        return "" if value is None else repr(value) if isinstance(value, float) else str(value)

    with open(path, "w", encoding="ascii") as out:
        out.write("device,ts,lat,lon,accuracy_m,battery_pct,alarm\n")
        for device, ts, lat, lon, accuracy, battery, alarm in rows:
            out.write(
                f"{device},{format_iso(ts)},{cell(lat)},{cell(lon)},{cell(accuracy)},"
                f"{cell(battery)},{alarm}\n"
            )
