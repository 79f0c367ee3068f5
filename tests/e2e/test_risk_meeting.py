"""A risk meeting in the browser: the procureur convenes the département's meeting, invites a
social referent and the SPIP, puts two high-danger cases on the agenda and writes an action plan;
the social referent sees only the summary her referral allows and her own action; the SPIP marks
its action done; the minutes are recorded and the meeting closed; at the next meeting the case
whose action is unfinished comes back for follow-up, until the social referent, led from her home
page to the closed meeting, marks her action done there."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from egide.accounts.roles import AgencyKind, Role
from egide.cases.choices import DisclosureChannel, ShareScope
from egide.cases.models import Incident
from egide.meetings.models import member_label
from tests.cases.factories import renamed
from tests.cases.sharing_helpers import referral_for
from tests.factories import AgencyFactory, MembershipFactory
from tests.meetings.factories import high_danger_case, organiser

from .browser import check_accessibility, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NARRATIVE = "Il l'a étranglée devant les enfants"


def plan_meeting(page, in_days, place):
    page.goto("/")
    page.get_by_role("link", name="Réunions de risque").first.click()
    page.get_by_role("link", name="Planifier une réunion").click()
    day = timezone.localdate() + datetime.timedelta(days=in_days)
    page.get_by_label("Date et heure").fill(f"{day.isoformat()}T14:00")
    page.get_by_label("Lieu").fill(place)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La réunion est planifiée : invitez ses membres.")).to_be_visible()


def add_action(page, case, owner, description, due):
    page.locator(f"[data-agenda-case='{case.reference}']").get_by_role(
        "link", name="Ajouter une action"
    ).click()
    page.get_by_label("Responsable").select_option(label=member_label(owner))
    page.get_by_label("Action").fill(description)
    page.get_by_label("Échéance").fill(due.isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L'action est ajoutée au plan.")).to_be_visible()


def test_the_procureur_runs_a_meeting_and_the_plan_follows_to_the_next(signed_in_page):
    first_case = high_danger_case()
    second_case = high_danger_case(opening_agency=first_case.opening_agency)
    # Names the factories never draw: the first victim's and the members' names, shown, cannot
    # contain the second victim's, searched for.
    renamed(first_case.victim, "Zorglubien")
    renamed(second_case.victim, "Ombrelune")
    Incident.objects.create(
        case=first_case,
        occurred_on=timezone.localdate() - datetime.timedelta(days=20),
        commune="Évreux",
        disclosure_channel=DisclosureChannel.POLICE_COMPLAINT,
        narrative=NARRATIVE,
    )
    chair = organiser(court=first_case.court)
    cidff = AgencyFactory(kind=AgencyKind.ASSOCIATION, name="CIDFF de l'Eure")
    referral_for(first_case, cidff, Role.SOCIAL_REFERENT, scope=ShareScope.SUPPORT_PLAN)
    referent = MembershipFactory(role=Role.SOCIAL_REFERENT, agency=cidff)
    spip = MembershipFactory(
        role=Role.PROBATION_OFFICER,
        agency=AgencyFactory(kind=AgencyKind.PROBATION, name="SPIP de l'Eure"),
    )
    due = timezone.localdate() + datetime.timedelta(days=21)

    page = signed_in_page(chair)
    plan_meeting(page, 7, "Tribunal judiciaire, salle du conseil")
    page.get_by_role("link", name="Inviter des membres").click()
    for member in (referent, spip):
        page.get_by_label("Membre à inviter").select_option(label=member_label(member))
        page.get_by_role("button", name="Inviter").click()
        expect(page.get_by_text("Le membre est invité.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Retour à la réunion").click()
    for case in (first_case, second_case):
        candidate = page.locator("tr", has_text=case.reference)
        candidate.get_by_role("button", name="Inscrire à l'ordre du jour").click()
        expect(page.get_by_text(f"Le dossier {case.reference} est inscrit")).to_be_visible()
    add_action(page, first_case, referent, "Accompagner la victime au dépôt de plainte", due)
    add_action(page, second_case, spip, "Rappeler l'interdiction de contact", due)
    meeting_url = page.url
    expect(page.get_by_text(NARRATIVE)).to_be_visible()
    check_accessibility(page)
    screenshot(page, "risk-meeting-organiser")

    page = signed_in_page(referent)
    page.goto(meeting_url)
    first = page.locator(f"[data-agenda-case='{first_case.reference}']")
    second = page.locator(f"[data-agenda-case='{second_case.reference}']")
    expect(first.get_by_text(first_case.victim.last_name.upper())).to_be_visible()
    expect(first.get_by_text("Accompagner la victime au dépôt de plainte")).to_be_visible()
    expect(second.get_by_text(re.compile("Vous n'avez pas accès à ce dossier"))).to_be_visible()
    content = page.content()
    for secret in (
        "rue des Lilas",
        NARRATIVE,
        second_case.victim.last_name,
        "Rappeler l'interdiction",
    ):
        assert secret not in content
    check_accessibility(page)
    screenshot(page, "risk-meeting-social-referent")

    page = signed_in_page(spip)
    page.goto(meeting_url)
    content = page.content()
    for secret in (first_case.victim.last_name, second_case.victim.last_name, NARRATIVE):
        assert secret.casefold() not in content.casefold()
    row = page.locator("tr", has_text="Rappeler l'interdiction de contact")
    row.get_by_label("Nouvel état").select_option(label="Réalisée")
    row.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_text("L'action est mise à jour.")).to_be_visible()

    page = signed_in_page(chair)
    page.goto(meeting_url)
    page.get_by_role("link", name="Rédiger le compte rendu").click()
    page.get_by_label("Compte rendu").fill(
        f"{first_case.reference} : accompagnement au dépôt de plainte.\n"
        f"{second_case.reference} : interdiction de contact rappelée."
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le compte rendu est enregistré.")).to_be_visible()
    page.get_by_role("button", name="Clore la réunion").click()
    expect(page.get_by_text("La réunion est close.")).to_be_visible()
    expect(page.locator("#meeting-status")).to_have_text("Clôturée")
    expect(page.get_by_role("button", name="Clore la réunion")).to_have_count(0)
    expect(page.get_by_role("link", name="Ajouter une action")).to_have_count(0)
    screenshot(page, "risk-meeting-closed")

    plan_meeting(page, 35, "Tribunal judiciaire, salle 2")
    back = page.locator(f"[data-agenda-case='{first_case.reference}']")
    expect(back.get_by_text("Suivi des actions")).to_be_visible()
    expect(back.get_by_text("Accompagner la victime au dépôt de plainte")).to_be_visible()
    expect(back.get_by_text(re.compile("Décidée à la réunion du"))).to_be_visible()
    expect(page.locator(f"[data-agenda-case='{second_case.reference}']")).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "risk-meeting-follow-up")
    next_url = page.url

    page = signed_in_page(referent)
    page.goto("/")
    mine = page.locator("section", has_text="Mes actions des plans de réunion")
    expect(mine.get_by_text(f"Échéance : {due:%d/%m/%Y}")).to_be_visible()
    mine.get_by_role("link", name=first_case.reference).click()
    expect(page.locator("#meeting-status")).to_have_text("Clôturée")
    expect(page.get_by_role("link", name="Rédiger le compte rendu")).to_have_count(0)
    row = page.locator("tr", has_text="Accompagner la victime au dépôt de plainte")
    row.get_by_label("Nouvel état").select_option(label="Réalisée")
    row.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_text("L'action est mise à jour.")).to_be_visible()
    expect(row).to_contain_text("Réalisée")
    check_accessibility(page)
    screenshot(page, "risk-meeting-closed-action-done")

    page = signed_in_page(chair)
    page.goto(next_url)
    expect(page.locator(f"[data-agenda-case='{first_case.reference}']")).to_have_count(0)
