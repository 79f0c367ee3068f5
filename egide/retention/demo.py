"""Demo records whose retention is over, so `egide purge --dry-run` on the demo has something to
list: two 3919 calls and a "Ne frappez pas" call with its CPCA hand-over, three years old.
Idempotent: added again only once a purge has removed them."""

from datetime import timedelta

from django.utils import timezone

from egide.accounts.roles import Role
from egide.helpline import services
from egide.helpline.demo import LINE
from egide.helpline.models import CpcaHandover, PerpetratorCall, VictimCall

AGE = timedelta(days=3 * 365)
OLD_CALLS = (
    ("27", ["physical"], "present", "local_structure"),
    ("61", ["psychological"], "none_found", "listening_only"),
)


def populate(context) -> None:
    long_ago = timezone.now() - AGE
    if VictimCall.objects.filter(received_at__lte=long_ago).exists():
        return
    listener = context.acting(Role.HELPLINE_LISTENER, LINE)
    for departement, forms, danger, orientation in OLD_CALLS:
        call = services.record_victim_call(
            listener,
            departement=departement,
            violence_forms=forms,
            danger=danger,
            orientation=orientation,
        )
        VictimCall.objects.filter(pk=call.pk).update(received_at=long_ago)
    call = services.record_perpetrator_call(
        listener,
        departement="27",
        caller="perpetrator",
        violence_forms=["physical"],
        orientation="cpca",
        handover={
            "cpca": context.agencies["cpca_eure"],
            "first_name": context.faker.first_name_male(),
            "phone": "07 00 00 00 27",
            "times_to_call": "",
        },
    )
    PerpetratorCall.objects.filter(pk=call.pk).update(received_at=long_ago)
    CpcaHandover.objects.filter(call=call).update(consent_given_at=long_ago)
