"""On the demo département: the dry-run lists what is past its retention and why, the real purge
removes it, and the audit log still verifies."""

import pytest
from django.core.management import call_command

from egide.audit.chain import verify_chain
from egide.demo.seed import seed
from egide.helpline.models import CpcaHandover, PerpetratorCall, VictimCall

pytestmark = pytest.mark.django_db


def purge_output(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


def test_the_demo_purge_lists_then_removes_what_is_past_its_retention():
    seed()
    calls = VictimCall.objects.count()
    listed = purge_output("--dry-run")
    assert "DRY RUN: nothing deleted" in listed
    victim_line = next(line for line in listed.splitlines() if line.startswith("victim_calls"))
    assert "due        2" in victim_line and "would delete" in victim_line
    assert "Règle de la plateforme" in victim_line
    assert VictimCall.objects.count() == calls and CpcaHandover.objects.count() == 2

    done = purge_output()
    assert "deleted 2" in next(
        line for line in done.splitlines() if line.startswith("victim_calls")
    )
    assert VictimCall.objects.count() == calls - 2
    assert CpcaHandover.objects.count() == 1 and PerpetratorCall.objects.count() == 1
    assert verify_chain().ok
    assert "would delete" not in purge_output("--dry-run")
