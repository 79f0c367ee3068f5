from django.urls import include, path

urlpatterns = [
    path("", include("egide.web.urls")),
    path("comptes/", include("egide.accounts.urls")),
    path("audit/", include("egide.audit.urls")),
    path("dossiers/", include("egide.cases.urls")),
    path("evaluations/", include("egide.assessment.urls")),
    path("justice/", include("egide.justice.urls")),
    path("dispositifs/", include("egide.devices.urls")),
    path("surveillance/", include("egide.monitoring.urls")),
    path("accompagnement/", include("egide.support.urls")),
    path("annuaire/", include("egide.directory.urls")),
    path("ecoute/", include("egide.helpline.urls")),
    path("eviction/", include("egide.eviction.urls")),
    path("auteurs/", include("egide.perpetrators.urls")),
    path("archives/", include("egide.retention.urls")),
    path("indicateurs/", include("egide.stats.urls")),
    path("penal/", include("egide.criminal.urls")),
    path("reunions-de-risque/", include("egide.meetings.urls")),
    path("revues/", include("egide.reviews.urls")),
    path("api/", include("egide.api.urls")),
]
