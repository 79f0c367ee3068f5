import pytest

from tests.factories import TEST_PASSWORD, UserFactory


@pytest.mark.argon2
@pytest.mark.django_db
def test_passwords_are_stored_with_argon2():
    user = UserFactory()
    assert user.password.startswith("argon2$")
    assert TEST_PASSWORD not in user.password
    assert user.check_password(TEST_PASSWORD)
