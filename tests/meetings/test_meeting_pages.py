"""The procureur convenes a meeting, invites the département's representatives, builds the
agenda from the high-danger worklist and the members' proposals, writes the action plan and the
minutes, and closes it; a closed meeting changes no more. Every change is audited."""

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from egide.accounts.roles import Role
from egide.audit.models import AuditEntry
from egide.meetings.choices import ActionStatus, AgendaSource, ItemStatus, MeetingStatus
from egide.meetings.models import AgendaItem, MeetingMember, PlannedAction, RiskMeeting
from tests.cases.factories import CaseFactory
from tests.factories import MembershipFactory, agency_for_role

from .factories import action, high_danger_case, listed, meeting, member, organiser, unit_officer

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def audited(obj, action="create") -> bool:
    return AuditEntry.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).exists()


def test_a_procureur_convenes_a_meeting_for_the_departement_of_their_court(sign_in_as):
    chair = organiser()
    client = sign_in_as(chair)
    starts_at = timezone.localtime() + datetime.timedelta(days=10)

    response = client.post(
        reverse("meetings:schedule"),
        {"starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"), "place": "Préfecture, salle 3"},
        follow=True,
    )

    planned = RiskMeeting.objects.get()
    assert (planned.departement, planned.organiser, planned.status) == ("27", chair, "planned")
    assert "La réunion est planifiée : invitez ses membres." in text(response)
    assert "Préfecture, salle 3" in text(response)
    assert audited(planned)


def test_a_meeting_in_the_past_is_refused_and_nothing_is_made(sign_in_as):
    client = sign_in_as(organiser())
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    response = client.post(
        reverse("meetings:schedule"),
        {"starts_at": yesterday.strftime("%Y-%m-%dT%H:%M"), "place": "Salle 3"},
    )
    assert response.status_code == 400
    assert "La date de la réunion ne peut pas être passée." in text(response)
    assert not RiskMeeting.objects.exists()


def test_the_organiser_invites_only_representatives_of_the_departement(sign_in_as):
    planned = meeting()
    client = sign_in_as(planned.organiser)
    # Names the factories never draw, so that no name on the page contains another by chance.
    spip = MembershipFactory(role=Role.PROBATION_OFFICER, user__last_name="Quenardel")
    elsewhere = MembershipFactory(
        role=Role.PROBATION_OFFICER,
        agency=agency_for_role(Role.PROBATION_OFFICER, "14"),
        user__last_name="Ombrelune",
    )
    cpca = MembershipFactory(role=Role.CPCA_WORKER, user__last_name="Valdrague")
    url = reverse("meetings:invite", args=[planned.pk])

    page = text(client.get(url))
    assert spip.user.last_name in page
    assert elsewhere.user.last_name not in page
    assert cpca.user.last_name not in page

    client.post(url, {"membership": spip.pk})
    refused = client.post(url, {"membership": elsewhere.pk})

    assert refused.status_code == 400
    member_row = MeetingMember.objects.get(meeting=planned)
    assert member_row.membership == spip
    assert audited(member_row)


def test_the_organiser_puts_a_high_danger_case_of_the_departement_on_the_agenda(sign_in_as):
    case = high_danger_case()
    elsewhere = high_danger_case(opening_agency=agency_for_role(Role.POLICE_OFFICER, "14"))
    planned = meeting()
    client = sign_in_as(planned.organiser)

    page = text(client.get(planned.get_absolute_url()))
    assert case.reference in page
    assert elsewhere.reference not in page

    client.post(reverse("meetings:list_case", args=[planned.pk]), {"case": case.pk})
    refused = client.post(reverse("meetings:list_case", args=[planned.pk]), {"case": elsewhere.pk})

    assert refused.status_code == 404
    item = AgendaItem.objects.get(meeting=planned)
    assert (item.case, item.source, item.status) == (case, "worklist", "accepted")
    assert audited(item)


def test_a_member_proposes_a_case_they_can_open_and_the_organiser_decides(sign_in_as, client):
    planned = meeting()
    case = CaseFactory()
    officer = unit_officer(case)
    planned.members.create(membership=officer)
    stranger_case = CaseFactory()
    sign_in_as(officer)
    url = reverse("meetings:propose", args=[planned.pk])

    refused = client.post(url, {"reference": stranger_case.reference, "reason": "Menaces"})
    assert refused.status_code == 400
    assert "Aucun dossier du département consultable par vous" in text(refused)

    client.post(url, {"reference": case.reference, "reason": "Menaces répétées"})
    item = AgendaItem.objects.get(meeting=planned)
    assert (item.status, item.source, item.proposed_by) == ("proposed", "referral", officer)
    assert "Proposé, en attente" in text(client.get(planned.get_absolute_url()))

    sign_in_as(planned.organiser)
    page = text(client.get(planned.get_absolute_url()))
    assert "Propositions en attente" in page and "Menaces répétées" in page
    client.post(reverse("meetings:decide", args=[planned.pk, item.pk, "accepter"]))
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED
    assert audited(item, "update")


def test_the_organiser_writes_the_action_plan_with_owners_and_due_dates(sign_in_as):
    planned = meeting()
    case = CaseFactory()
    listed(planned, case)
    spip = member(planned, Role.PROBATION_OFFICER)
    outsider = MembershipFactory(role=Role.PROBATION_OFFICER)
    client = sign_in_as(planned.organiser)
    url = reverse("meetings:action_add", args=[planned.pk])
    due = (planned.held_on + datetime.timedelta(days=15)).isoformat()
    data = {"case": case.pk, "description": "Rappeler l'interdiction de contact", "due_on": due}

    assert client.post(url, {**data, "owner": outsider.pk}).status_code == 400
    response = client.post(url, {**data, "owner": spip.pk}, follow=True)

    planned_action = PlannedAction.objects.get()
    assert (planned_action.owner, planned_action.status) == (spip, "open")
    page = text(response)
    assert "L'action est ajoutée au plan." in page
    assert "Rappeler l'interdiction de contact" in page
    assert audited(planned_action)


def test_the_owner_marks_their_action_done_and_a_dropped_action_needs_a_reason(sign_in_as):
    planned = meeting()
    case = CaseFactory()
    listed(planned, case)
    spip = member(planned, Role.PROBATION_OFFICER)
    done, dropped = action(planned, case, spip), action(planned, case, spip)
    client = sign_in_as(spip)

    def close(planned_action, **data):
        prefix = f"action-{planned_action.pk}"
        return client.post(
            reverse("meetings:action_close", args=[planned.pk, planned_action.pk]),
            {f"{prefix}-{key}": value for key, value in data.items()},
            follow=True,
        )

    close(done, status="done")
    refused = close(dropped, status="dropped", reason="")
    assert "Indiquez pourquoi l'action est abandonnée." in text(refused)
    dropped.refresh_from_db()
    assert dropped.status == ActionStatus.OPEN
    close(dropped, status="dropped", reason="Personne incarcérée")

    done.refresh_from_db()
    dropped.refresh_from_db()
    assert (done.status, dropped.status) == ("done", "dropped")
    assert dropped.drop_reason == "Personne incarcérée"
    assert audited(done, "update") and audited(dropped, "update")


def test_another_member_cannot_close_an_action_they_do_not_own(sign_in_as):
    planned = meeting()
    case = CaseFactory()
    listed(planned, case)
    spip, referent = member(planned, Role.PROBATION_OFFICER), member(planned, Role.SOCIAL_REFERENT)
    planned_action = action(planned, case, spip)
    client = sign_in_as(referent)
    response = client.post(
        reverse("meetings:action_close", args=[planned.pk, planned_action.pk]),
        {f"action-{planned_action.pk}-status": "done"},
    )
    assert response.status_code == 403
    planned_action.refresh_from_db()
    assert planned_action.status == ActionStatus.OPEN


def test_minutes_then_closing_make_the_meeting_read_only(sign_in_as):
    planned = meeting()
    case = CaseFactory()
    listed(planned, case)
    client = sign_in_as(planned.organiser)
    close_url = reverse("meetings:close", args=[planned.pk])

    refused = client.post(close_url, follow=True)
    assert "Enregistrez le compte rendu avant de clore la réunion." in text(refused)

    client.post(
        reverse("meetings:minutes", args=[planned.pk]),
        {"minutes": f"{case.reference} : plan d'action arrêté."},
    )
    response = client.post(close_url, follow=True)

    planned.refresh_from_db()
    assert planned.status == MeetingStatus.CLOSED
    page = text(response)
    assert "La réunion est close." in page
    assert f"{case.reference} : plan d'action arrêté." in page
    for name in (
        "Clore la réunion",
        "Ajouter une action",
        "Inviter des membres",
        "Proposer un dossier",
    ):
        assert name not in page
    assert client.get(reverse("meetings:minutes", args=[planned.pk])).status_code == 403
    assert client.get(reverse("meetings:action_add", args=[planned.pk])).status_code == 403
    assert audited(planned, "update")


def test_pending_proposals_are_decided_before_closing(sign_in_as):
    planned = meeting()
    listed(planned, status=ItemStatus.PROPOSED, source=AgendaSource.REFERRAL)
    client = sign_in_as(planned.organiser)
    client.post(reverse("meetings:minutes", args=[planned.pk]), {"minutes": "Rien à signaler."})
    response = client.post(reverse("meetings:close", args=[planned.pk]), follow=True)
    assert "Décidez des propositions en attente avant de clore la réunion." in text(response)
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.PLANNED


def test_members_find_their_next_meetings_on_their_home_page(sign_in_as):
    planned = meeting()
    spip = member(planned, Role.PROBATION_OFFICER)
    page = text(sign_in_as(spip).get(reverse("web:home")))
    assert "Réunions d'évaluation des situations à risque" in page
    assert str(planned) in page


def test_members_who_read_no_case_file_are_not_offered_to_propose_one(sign_in_as):
    planned = meeting()
    client = sign_in_as(member(planned, Role.PROBATION_OFFICER))
    assert "Proposer un dossier" not in text(client.get(planned.get_absolute_url()))
    assert client.get(reverse("meetings:propose", args=[planned.pk])).status_code == 403


def test_a_malformed_case_to_list_is_refused_and_nothing_changes(sign_in_as):
    planned = meeting()
    client = sign_in_as(planned.organiser)
    for bad in ("", "abc", "99999"):
        response = client.post(reverse("meetings:list_case", args=[planned.pk]), {"case": bad})
        assert response.status_code == 404
    assert not planned.agenda.exists()
