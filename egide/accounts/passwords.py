from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_CHARACTER_CLASSES = 3


class CharacterClassesValidator:
    """At least three of: lowercase, uppercase, digits, other characters (CNIL 2022-100)."""

    def validate(self, password, user=None):
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < MIN_CHARACTER_CLASSES:
            raise ValidationError(
                _(
                    "Le mot de passe doit mélanger au moins trois types de caractères : "
                    "minuscules, majuscules, chiffres, caractères spéciaux."
                ),
                code="password_too_simple",
            )

    def get_help_text(self):
        return _(
            "Au moins trois types de caractères parmi minuscules, majuscules, chiffres et "
            "caractères spéciaux."
        )
