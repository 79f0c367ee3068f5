"""The vocabulary of the audit log: the actions an entry records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Lecture")
    CREATE = "create", _("Création")
    UPDATE = "update", _("Modification")
    DELETE = "delete", _("Suppression")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Impression")
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGOUT = "logout", _("Déconnexion")
    LOGOUT_EVERYWHERE = "logout_everywhere", _("Déconnexion de toutes les sessions")
    OTP_ENROLLED = "otp_enrolled", _("Enrôlement du second facteur")
    BREAK_GLASS = "break_glass", _("Accès d'urgence")
    DENIED = "denied", _("Accès refusé")
    ADMIN = "admin", _("Administration")
