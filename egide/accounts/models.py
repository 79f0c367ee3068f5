from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_AGENCY_KINDS, AgencyKind, Role


class Agency(models.Model):
    """A service that employs users: a police unit, a court, a monitoring centre, an association…

    Territory is the département (code INSEE: "27", "2A", "971") and, for everyone who works
    with a court, the tribunal judiciaire whose jurisdiction the agency falls in.
    """

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=AgencyKind.choices)
    departement = models.CharField(_("département"), max_length=3)
    court = models.ForeignKey(
        "self",
        verbose_name=_("tribunal de rattachement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies_in_jurisdiction",
        limit_choices_to={"kind": AgencyKind.TRIBUNAL},
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["departement", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "departement"], name="agency_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def jurisdiction(self):
        """The tribunal whose jurisdiction this agency is in (itself, for a tribunal)."""
        return self if self.kind == AgencyKind.TRIBUNAL else self.court


class User(AbstractUser):
    # Bumped by "log out everywhere": sessions opened under an older epoch are ended.
    session_epoch = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")


class Membership(models.Model):
    """A user's role in one agency. A user acts through one membership at a time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.agency}"

    def clean(self):
        if self.agency_id and self.agency.kind not in ROLE_AGENCY_KINDS[self.role]:
            raise ValidationError(
                {"role": _("Ce rôle ne peut pas être exercé dans ce type de structure.")}
            )

    @property
    def departement(self) -> str:
        return self.agency.departement

    @property
    def court(self):
        return self.agency.jurisdiction


class RoleGrant(models.Model):
    """A role that reads case data, asked for by one administrator and decided by another.

    The membership exists only once a second platform administrator approves; the request and
    the decision are flagged to the auditor. `approved` is None while the request is pending.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rôle"), max_length=32, choices=Role.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("demande d'attribution de rôle")
        verbose_name_plural = _("demandes d'attribution de rôle")
        ordering = ["requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="role_grant_second_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("user")),
                name="role_grant_not_self_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.agency}"

    @property
    def pending(self) -> bool:
        return self.approved is None


class PasswordResetLink(models.Model):
    """A one-time link, made by a platform administrator, with which a user sets a new password.

    Only the SHA-256 of the token is stored: the link itself is shown once to the administrator.
    It works once (`used_at`), until `expires_at`; issuing a new link voids the previous ones.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_reset_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lien de réinitialisation du mot de passe")
        verbose_name_plural = _("liens de réinitialisation du mot de passe")

    def __str__(self) -> str:
        return f"{self.user} — {self.created_at:%Y-%m-%d %H:%M}"
