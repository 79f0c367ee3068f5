from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "egide.web"

    def ready(self):
        share_one_dsfr_form_renderer()


def share_one_dsfr_form_renderer() -> None:
    """django-dsfr's forms name a renderer *class* as their default, so Django builds a new one,
    with a new template engine, for every form rendered, and compiles the form templates again
    each time (a third of a case page's server time). One instance, made here, serves them all;
    other forms keep Django's own renderer."""
    from dsfr.forms import DsfrBaseForm, DsfrDjangoTemplates

    DsfrBaseForm.default_renderer = DsfrDjangoTemplates()
