import pytest
from django.urls import reverse
from django.utils.html import escape

from egide.accounts.roles import Role
from egide.web import worklists

pytestmark = pytest.mark.django_db


CENTRE = (Role.MONITORING_OPERATOR, Role.MONITORING_SUPERVISOR)


@pytest.mark.parametrize("role", [role for role in Role.values if role not in CENTRE])
def test_home_names_the_acting_role_and_agency(sign_in_as, role):
    client = sign_in_as(role=role)
    response = client.get(reverse("web:home"))
    page, membership = response.content.decode(), response.wsgi_request.membership
    assert f"<h1>{escape(membership.get_role_display())}</h1>" in page
    assert escape(membership.agency) in page


def test_home_shows_an_honest_empty_state(sign_in_as):
    page = sign_in_as(role=Role.JUDGE).get(reverse("web:home")).content.decode()
    assert "Aucun élément pour l'instant." in page


def test_home_shows_the_worklists_registered_for_the_role(sign_in_as):
    def hearings(request):
        return worklists.Worklist(
            title="Audiences de la semaine",
            items=[worklists.Item("Dossier 27-0042", "/dossiers/42/", "lundi 9 h")],
            url="/audiences/",
        )

    worklists.providers.register(hearings, Role.JUDGE)
    judge_page = sign_in_as(role=Role.JUDGE).get(reverse("web:home")).content.decode()
    assert "Audiences de la semaine" in judge_page
    assert 'href="/dossiers/42/"' in judge_page
    assert "lundi 9 h" in judge_page

    clerk_page = sign_in_as(role=Role.CLERK).get(reverse("web:home")).content.decode()
    assert "Audiences de la semaine" not in clerk_page


def test_a_provider_with_nothing_to_show_is_left_out(sign_in_as):
    worklists.providers.register(lambda request: None, Role.JUDGE)
    page = sign_in_as(role=Role.JUDGE).get(reverse("web:home")).content.decode()
    assert "Aucun élément pour l'instant." in page


def test_home_of_a_user_without_membership_says_so(client, sign_in_as):
    client = sign_in_as(role=Role.JUDGE)
    membership = client.get(reverse("web:home")).wsgi_request.membership
    membership.is_active = False
    membership.save()
    page = client.get(reverse("web:home")).content.decode()
    assert "aucune affectation active" in page
