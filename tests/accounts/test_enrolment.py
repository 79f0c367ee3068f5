"""First sign-in: set up the authenticator, then see the recovery codes once."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from egide.accounts.second_factor import readable_secret
from egide.audit.choices import Action
from egide.audit.models import AuditEntry
from tests.factories import MembershipFactory, UnenrolledUserFactory

from .conftest import current_code, enter_password, fully_signed_in


def start_enrolment(client):
    member = MembershipFactory(user=UnenrolledUserFactory())
    enter_password(client, member.user)
    return member


def test_a_user_without_authenticator_is_sent_to_enrolment(client, db):
    start_enrolment(client)
    assert client.get(reverse("accounts:verify")).url == reverse("accounts:enrol")
    page = client.get(reverse("accounts:enrol")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(confirmed=False)
    assert readable_secret(device) in page


def test_the_qr_code_stays_the_same_on_reload(client, db):
    start_enrolment(client)
    client.get(reverse("accounts:enrol"))
    client.get(reverse("accounts:enrol"))
    assert TOTPDevice.objects.count() == 1


def test_a_wrong_code_does_not_enrol(client, db):
    start_enrolment(client)
    client.get(reverse("accounts:enrol"))
    response = client.post(reverse("accounts:enrol"), {"code": "000000"})
    assert "Ce code n&#x27;est pas valide." in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not fully_signed_in(client)


def test_enrolment_signs_in_and_shows_ten_recovery_codes_once(client, db):
    member = start_enrolment(client)
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=member.user)

    response = client.post(reverse("accounts:enrol"), {"code": current_code(device)})
    assert response.url == reverse("accounts:recovery_codes")

    page = client.get(reverse("accounts:recovery_codes")).content.decode()
    tokens = StaticToken.objects.filter(device__user=member.user)
    assert tokens.count() == 10
    assert all(token.token in page for token in tokens)
    assert client.get(reverse("accounts:recovery_codes")).url == reverse("web:home")
    assert fully_signed_in(client)
    assert AuditEntry.objects.filter(action=Action.OTP_ENROLLED, actor=member.user).exists()


def test_an_enrolled_user_cannot_enrol_again_without_a_reset(client, member):
    enter_password(client, member.user)
    assert client.get(reverse("accounts:enrol")).url == reverse("accounts:verify")
