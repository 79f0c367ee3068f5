"""The English interface says one thing for one French text, whichever app shows it.

The project catalogue (LOCALE_PATHS) shadows the apps' own: a text translated differently in an
app catalogue would silently show the project's wording there ("Hébergement" — a shelter — once
read "Hosting", the legal notice's web host). Texts with two meanings carry a context instead.
"""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

import egide

CATALOGUES = sorted(Path(egide.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.mo"))


def test_there_is_a_project_catalogue_and_app_catalogues():
    assert Path(settings.LOCALE_PATHS[0]) / "en/LC_MESSAGES/django.mo" in CATALOGUES
    assert len(CATALOGUES) > 1


def test_a_french_text_has_one_english_translation_in_every_catalogue():
    translations: dict[str, dict[str, Path]] = {}
    for path in CATALOGUES:
        with path.open("rb") as mo:
            for msgid, msgstr in gettext.GNUTranslations(mo)._catalog.items():
                if msgid:  # the header
                    translations.setdefault(msgid, {}).setdefault(msgstr, path)
    disagreeing = {m: list(t) for m, t in translations.items() if len(t) > 1}
    assert disagreeing == {}


def test_a_shelter_is_a_shelter_and_the_web_host_a_host():
    with translation.override("en"):
        assert translation.gettext("Hébergement") == "Shelter"
        assert translation.pgettext("web hosting", "Hébergement") == "Hosting"


def test_every_french_text_is_translated_and_none_is_a_guess():
    for path in CATALOGUES:
        source = path.with_suffix(".po").read_text(encoding="utf-8")
        assert "#, fuzzy" not in source, path
        untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n(?!")', source + "\n")
        assert untranslated == [], path
