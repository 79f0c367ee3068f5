"""What the data's lifecycle tells other domains: which bracelet placements are archived, so the
monitoring console leaves their positions and events to the archive (C. pénit. R. 631-11)."""

from egide.monitoring import map as monitoring_map

from . import archive


def register() -> None:
    monitoring_map.archived.register(archive.is_archived)
