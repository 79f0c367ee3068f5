"""Multi-agency risk meetings: a département's meeting, who sits at it, the cases on its agenda,
the shared action plan of each case, and its minutes."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egide.encryption.fields import EncryptedTextField

from .choices import ActionStatus, AgendaSource, ItemStatus, MeetingStatus


def member_label(membership) -> str:
    """A member as the meeting's pages name them: person, role, agency."""
    user, role = membership.user, membership.get_role_display()
    return f"{user.first_name} {user.last_name} — {role}, {membership.agency}"


class RiskMeeting(models.Model):
    """A meeting of the département's agencies about its high-danger cases, convened and chaired
    by a procureur (the organiser). Once closed, with its minutes, its agenda, plan and minutes no
    longer change: only its open actions are still said done or dropped."""

    departement = models.CharField(_("département"), max_length=3)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=200)
    organiser = models.ForeignKey(
        "accounts.Membership",
        verbose_name=_("organisateur"),
        on_delete=models.PROTECT,
        related_name="organised_meetings",
    )
    status = models.CharField(
        _("état"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Read by every member: the form asks for case references, never a name or an address.
    minutes = EncryptedTextField(_("compte rendu"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)

    class Meta:
        verbose_name = _("réunion d'évaluation des situations à risque")
        verbose_name_plural = _("réunions d'évaluation des situations à risque")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["departement", "status", "starts_at"], name="meeting_next"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.PLANNED, closed_at__isnull=True)
                | (Q(status=MeetingStatus.CLOSED, closed_at__isnull=False) & ~Q(minutes="")),
                name="meeting_closed_with_minutes",
            ),
        ]

    def __str__(self) -> str:
        return _("Réunion du %(date)s") % {
            "date": timezone.localtime(self.starts_at).strftime("%d/%m/%Y")
        }

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def held_on(self):
        return timezone.localdate(self.starts_at)


class MeetingMember(models.Model):
    """A named representative of an agency of the département, invited to the meeting."""

    meeting = models.ForeignKey(RiskMeeting, on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, related_name="risk_meetings"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membre de la réunion")
        verbose_name_plural = _("membres de la réunion")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="meeting_member_once"),
        ]

    def __str__(self) -> str:
        return member_label(self.membership)


class AgendaItem(models.Model):
    """A case on a meeting's agenda: taken from the high-danger worklist, proposed by a member,
    or brought back by the platform (unfinished actions, a repeat)."""

    meeting = models.ForeignKey(RiskMeeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("origine"), max_length=16, choices=AgendaSource.choices)
    status = models.CharField(
        _("état"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.ACCEPTED
    )
    # A new incident within the repeat window of the case's last discussion (rules.py).
    repeat = models.BooleanField(_("répétition"), default=False)
    # Read by every member, even those who may not open the case: no name, no address.
    reason = EncryptedTextField(_("motif"), blank=True)
    proposed_by = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("dossier à l'ordre du jour")
        verbose_name_plural = _("dossiers à l'ordre du jour")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "case"], name="agenda_case_once"),
        ]

    def __str__(self) -> str:
        return str(self.case)


class PlannedAction(models.Model):
    """An action of a case's shared plan, decided at a meeting: who does it and by when. Until
    done or dropped, it comes back to the département's next meeting."""

    meeting = models.ForeignKey(RiskMeeting, on_delete=models.PROTECT, related_name="actions")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        "accounts.Membership",
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        related_name="risk_meeting_actions",
    )
    description = EncryptedTextField(_("action"))
    due_on = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    drop_reason = EncryptedTextField(_("motif de l'abandon"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action du plan")
        verbose_name_plural = _("actions du plan")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["case", "status"], name="meeting_action_case")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DROPPED) | ~Q(drop_reason=""),
                name="meeting_action_dropped_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.OPEN, closed_at__isnull=True)
                | (~Q(status=ActionStatus.OPEN) & Q(closed_at__isnull=False)),
                name="meeting_action_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return _("Action du plan n°%(number)s") % {"number": self.pk}
