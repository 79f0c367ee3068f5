"""Criminal proceedings' views, for the cross-domain "anonymous and outsiders are refused" test.

A case belongs to court 27; its perpetrator is followed by a SPIP of département 27: a SPIP of
another département, and every role outside the court's, are outsiders.
"""

from egide.accounts.roles import Role


def case_kwargs() -> dict:
    from .helpers import supervised_case

    return {"case_pk": supervised_case().pk}


def followed_case_kwargs() -> dict:
    from .helpers import followed_case

    case, _follow_up, _member = followed_case()
    return {"case_pk": case.pk}


def follow_up_kwargs() -> dict:
    from .helpers import followed_case

    _case, follow_up, _member = followed_case()
    return {"follow_up_pk": follow_up.pk}


def release_kwargs() -> dict:
    from django.utils import timezone

    from egide.criminal import services

    from .helpers import prosecutor, supervised_case

    case = supervised_case()
    release = services.record_release(
        prosecutor(case), case, kind="end_of_sentence", on=timezone.localdate()
    )
    return {"release_pk": release.pk}


def view(name, role, kwargs_factory=dict, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": role,
        "public": False,
        **extra,
    }


COURT = (Role.JUDGE, Role.CLERK, Role.POLICE_OFFICER)
DECIDERS = (Role.JUDGE,)

VIEWS = [
    view("criminal:case", Role.PROSECUTOR, case_kwargs, also_allowed=COURT),
    view("criminal:stage_add", Role.PROSECUTOR, case_kwargs, also_allowed=DECIDERS),
    view("criminal:follow_up_assign", Role.PROSECUTOR, case_kwargs, also_allowed=DECIDERS),
    view(
        "criminal:release_add",
        Role.PROBATION_OFFICER,
        followed_case_kwargs,
        also_allowed=(Role.PROSECUTOR, Role.JUDGE),
    ),
    view("criminal:release_check", Role.PROSECUTOR, release_kwargs),
    view("criminal:notice_waiver", Role.PROSECUTOR, case_kwargs, method="post"),
    view("criminal:followed", Role.PROBATION_OFFICER, territorial=False),
    view("criminal:follow_up", Role.PROBATION_OFFICER, follow_up_kwargs),
    view("criminal:check_add", Role.PROBATION_OFFICER, follow_up_kwargs),
]
