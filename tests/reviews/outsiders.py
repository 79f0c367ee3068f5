"""Reviews' views, for the cross-domain "anonymous and outsiders are refused" test.

A review is created in département 27 (the factories' default): the parquet of another court is
an outsider, and so is every member of the chain the parquet did not invite.
"""

from egide.accounts.roles import Role
from egide.reviews.perms import MEMBER_ROLES

from .helpers import bare_review, closed_case, recommendation_of


def view(name, kwargs_factory=dict, **extra) -> dict:
    return {
        "name": name,
        "kwargs_factory": kwargs_factory,
        "allowed_role": Role.PROSECUTOR,
        "public": False,
        **extra,
    }


def review_kwargs() -> dict:
    return {"pk": bare_review().pk}


def case_kwargs() -> dict:
    return {"case_pk": closed_case().pk}


def recommendation_kwargs() -> dict:
    return {"pk": recommendation_of(bare_review()).pk}


VIEWS = [
    # Each member sees the list of the reviews it was invited to (often none).
    view(
        "reviews:list",
        territorial=False,
        also_allowed=tuple(MEMBER_ROLES - {Role.PROSECUTOR}),
    ),
    view("reviews:open", case_kwargs, method="post"),
    view("reviews:detail", review_kwargs),
    view("reviews:invite", review_kwargs, method="post"),
    view("reviews:mark", review_kwargs, method="post"),
    view("reviews:recommend", review_kwargs),
    view("reviews:recommendation", recommendation_kwargs, method="post"),
    view("reviews:close", review_kwargs, method="post"),
    view("reviews:export", review_kwargs),
]
