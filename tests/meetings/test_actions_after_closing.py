"""The plan of a closed meeting is still carried out: the owner of an action, or the organiser
who decided it, says it is done or dropped from the closed meeting's page, while its agenda and
minutes stay read-only; an action said done no longer brings its case back to the next meeting,
and the owner finds their open actions on their home page."""

from html import unescape

import pytest
from django.urls import reverse

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.meetings.choices import ActionStatus, AgendaSource
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory

from .factories import action, listed, meeting, member, organiser
from .test_follow_up_and_repeat import after, agenda_of, held

pytestmark = pytest.mark.django_db(transaction=True)


def text(response) -> str:
    return unescape(response.content.decode())


def update(client, at_meeting, planned_action, **data):
    prefix = f"action-{planned_action.pk}"
    return client.post(
        reverse("meetings:action_close", args=[at_meeting.pk, planned_action.pk]),
        {f"{prefix}-{key}": value for key, value in data.items()},
        follow=True,
    )


def audited(obj, action) -> bool:
    return AuditEntry.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).exists()


def closed_meeting_with_an_action(owner_role=Role.PROBATION_OFFICER):
    """A meeting held yesterday and closed, whose plan gives its one case an open action to a
    member; the clock stays the day after the meeting."""
    chair = organiser()
    first = meeting(chair, in_days=1)
    case = CaseFactory()
    listed(first, case)
    owner = member(first, owner_role)
    planned_action = action(first, case, owner, description="Rappeler l'interdiction de contact")
    return chair, first, case, owner, planned_action


def test_the_owner_marks_their_action_done_once_the_meeting_is_closed(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    with after(first):
        held(first)
        client = sign_in_as(owner)
        page = text(client.get(first.get_absolute_url()))
        form_url = reverse("meetings:action_close", args=[first.pk, planned_action.pk])
        assert f'action="{form_url}"' in page

        response = update(client, first, planned_action, status="done")

    assert "L'action est mise à jour." in text(response)
    planned_action.refresh_from_db()
    assert planned_action.status == ActionStatus.DONE
    assert audited(planned_action, "update")
    page = text(response)
    for offered in ("Rédiger le compte rendu", "Ajouter une action", "Clore la réunion"):
        assert offered not in page
    assert client.get(reverse("meetings:minutes", args=[first.pk])).status_code == 403


def test_the_organiser_drops_an_action_of_their_closed_meeting_with_a_reason(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    with after(first):
        held(first)
        client = sign_in_as(chair)
        refused = update(client, first, planned_action, status="dropped", reason="")
        assert "Indiquez pourquoi l'action est abandonnée." in text(refused)
        update(client, first, planned_action, status="dropped", reason="Victime partie")

    planned_action.refresh_from_db()
    assert (planned_action.status, planned_action.drop_reason) == ("dropped", "Victime partie")


def test_other_members_of_the_closed_meeting_and_outsiders_cannot_update_the_action(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    referent = member(first, Role.SOCIAL_REFERENT)
    with after(first):
        held(first)
        url = reverse("meetings:action_close", args=[first.pk, planned_action.pk])
        data = {f"action-{planned_action.pk}-status": "done"}
        assert sign_in_as(referent).post(url, data).status_code == 403
        stranger = MembershipFactory(role=Role.PROBATION_OFFICER)
        assert sign_in_as(stranger).post(url, data).status_code == 404
    planned_action.refresh_from_db()
    assert planned_action.status == ActionStatus.OPEN


def test_a_case_whose_actions_are_done_leaves_the_next_meeting_planned_before(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    following = meeting(chair, in_days=30)
    with after(first):
        held(first)
        item = agenda_of(following)[case.pk]
        assert item.source == AgendaSource.FOLLOW_UP

        update(sign_in_as(owner), first, planned_action, status="done")

    assert case.pk not in agenda_of(following)
    assert audited(item, "delete")
    page = text(sign_in_as(chair).get(following.get_absolute_url()))
    assert case.reference not in page
    assert "Rappeler l'interdiction de contact" not in page


def test_a_done_action_does_not_come_back_to_a_meeting_planned_after(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    with after(first):
        held(first)
        update(sign_in_as(owner), first, planned_action, status="done")
        following = meeting(chair, in_days=30)
    assert case.pk not in agenda_of(following)


def test_a_case_with_another_open_action_stays_for_follow_up(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    action(first, case, chair, description="Saisir le juge aux affaires familiales")
    following = meeting(chair, in_days=30)
    with after(first):
        held(first)
        update(sign_in_as(owner), first, planned_action, status="done")
    assert agenda_of(following)[case.pk].source == AgendaSource.FOLLOW_UP


def test_the_owner_finds_their_open_actions_on_their_home_page(sign_in_as):
    chair, first, case, owner, planned_action = closed_meeting_with_an_action()
    with after(first):
        held(first)
        client = sign_in_as(owner)
        home = text(client.get(reverse("web:home")))
        due = planned_action.due_on.strftime("%d/%m/%Y")
        assert case.reference in home and f"Échéance : {due}" in home
        assert first.get_absolute_url() in home
        assert "Rappeler l'interdiction de contact" not in home

        update(client, first, planned_action, status="done")
        assert case.reference not in text(client.get(reverse("web:home")))
