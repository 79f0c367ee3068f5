from pathlib import Path

from django.apps import AppConfig
from django.utils.functional import cached_property

# Égide's overrides of Django's widget templates (egide/web/templates/django/forms/widgets/).
WIDGET_OVERRIDES = Path(__file__).resolve().parent / "templates"


class WebConfig(AppConfig):
    name = "egide.web"

    def ready(self):
        share_one_dsfr_form_renderer()


def share_one_dsfr_form_renderer() -> None:
    """django-dsfr's forms name a renderer *class* as their default, so Django builds a new one,
    with a new template engine, for every form rendered, and compiles the form templates again
    each time (a third of a case page's server time). One instance, made here, serves them all;
    other forms keep Django's own renderer. It reads Égide's widget overrides first."""
    from dsfr.forms import DsfrBaseForm, DsfrDjangoTemplates

    class EgideFormRenderer(DsfrDjangoTemplates):
        @cached_property
        def engine(self):
            engine = DsfrDjangoTemplates.engine.func(self)
            engine.engine.dirs = [str(WIDGET_OVERRIDES), *engine.engine.dirs]
            return engine

    DsfrBaseForm.default_renderer = EgideFormRenderer()
