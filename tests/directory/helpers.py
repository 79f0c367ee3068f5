"""Structure builders for directory tests."""

from egide.directory.choices import Source, StructureKind
from egide.directory.models import Structure


def structure(name, latitude, longitude, kind=StructureKind.CIDFF, **extra) -> Structure:
    return Structure.objects.create(
        name=name,
        kind=kind,
        postcode=extra.pop("postcode", "27000"),
        commune=extra.pop("commune", "Évreux"),
        departement=extra.pop("departement", "27"),
        latitude=latitude,
        longitude=longitude,
        source=Source.CSV,
        source_id=name,
        **extra,
    )
