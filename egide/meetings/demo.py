"""Demo data of risk meetings: the Eure's next meeting, convened by the procureur of Évreux, with
the département's representatives invited and the first two cases of the high-danger worklist on
its agenda. Everything goes through the services. Idempotent: one meeting, made once."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from egide.accounts.roles import Role

from . import services
from .models import RiskMeeting

COURT = "tj_evreux"
PLACE = "Tribunal judiciaire d'Évreux, salle du conseil"
MEMBERS = (
    (Role.POLICE_OFFICER, "police_evreux"),
    (Role.PROBATION_OFFICER, "spip_eure"),
    (Role.SOCIAL_REFERENT, "cidff_eure"),
    (Role.HEALTH_PROFESSIONAL, "hospital_evreux"),
    (Role.SHELTER_MANAGER, "shelter_eure"),
    (Role.MONITORING_OPERATOR, "monitoring"),
)
AGENDA_CASES = 2


def populate(context) -> None:
    prosecutor = context.acting(Role.PROSECUTOR, COURT)
    if RiskMeeting.objects.filter(organiser=prosecutor.membership).exists():
        return
    day = timezone.localdate() + timedelta(days=14)
    meeting = services.schedule_meeting(
        prosecutor,
        starts_at=timezone.make_aware(datetime.combine(day, time(14, 0))),
        place=PLACE,
    )
    for role, agency_key in MEMBERS:
        services.invite(prosecutor, meeting, context.member(role, agency_key))
    for case in list(services.worklist_candidates(meeting)[:AGENDA_CASES]):
        services.list_from_worklist(prosecutor, meeting, case)
