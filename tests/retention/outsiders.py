"""The retention views, for the cross-domain "anonymous and outsiders are refused" test: the
archive of a bracelet of département 27 is read by its court's procureur or JAF only; the
processing register, platform-wide, by the auditor and the platform administrator."""

from egide.accounts.roles import Role


def archived_pairing_kwargs() -> dict:
    from tests.devices.helpers import active_pairing

    return {"pairing_pk": active_pairing().pk}


VIEWS = [
    {
        "name": "retention:archived_pairing",
        "kwargs_factory": archived_pairing_kwargs,
        "allowed_role": Role.PROSECUTOR,
        "also_allowed": (Role.JUDGE,),
        "public": False,
    },
    {
        "name": "retention:register",
        "kwargs_factory": dict,
        "allowed_role": Role.AUDITOR,
        "also_allowed": (Role.PLATFORM_ADMIN,),
        "public": False,
        "territorial": False,
    },
]
