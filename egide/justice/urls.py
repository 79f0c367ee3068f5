from django.urls import path

from . import views

app_name = "justice"

urlpatterns = [
    path("echeances/", views.deadlines, name="deadlines"),
    path("violations/", views.breaches, name="breaches"),
    path(
        "violations/<int:breach_pk>/prise-en-compte/",
        views.acknowledge_breach,
        name="breach_acknowledge",
    ),
    path("signalements-226-14/", views.health_reports_page, name="health_reports"),
    path("signalements-226-14/envoyes/", views.sent_health_reports, name="health_reports_sent"),
    path("signalements-226-14/nouveau/", views.new_health_report, name="health_report_new"),
    path(
        "signalements-226-14/<int:report_pk>/prise-en-compte/",
        views.acknowledge_health_report,
        name="health_report_acknowledge",
    ),
    path("dossiers/<int:pk>/", views.case_justice, name="case"),
    path("dossiers/<int:pk>/op/demande/", views.request_order, name="order_request"),
    path("dossiers/<int:pk>/audience/", views.schedule_hearing, name="hearing_schedule"),
    path("dossiers/<int:pk>/audiences-liees/", views.linked_hearings, name="linked_hearings"),
    path("dossiers/<int:pk>/procedure/", views.family_proceeding, name="family_proceeding"),
    path("dossiers/<int:pk>/suspension/", views.automatic_suspension, name="automatic_suspension"),
    path("dossiers/<int:pk>/violation/", views.report_breach, name="breach_report"),
    path("dossiers/<int:pk>/demande-parquet/", views.request_parquet, name="parquet_request"),
    path(
        "demandes-parquet/<int:request_pk>/traitee/",
        views.answer_parquet_request,
        name="parquet_request_answer",
    ),
    path("op/<int:order_pk>/", views.order_detail, name="order"),
    path("op/<int:order_pk>/oppi/", views.request_immediate_order, name="oppi_request"),
    path("op/<int:order_pk>/audience/", views.set_hearing, name="order_hearing"),
    path("op/<int:order_pk>/decision/", views.decide_order, name="order_decide"),
    path("op/<int:order_pk>/notification/", views.notify_order, name="order_notify"),
    path("op/<int:order_pk>/levee/", views.lift_order, name="order_lift"),
    path("oppi/<int:oppi_pk>/", views.immediate_order_detail, name="immediate_order"),
    path("oppi/<int:oppi_pk>/decision/", views.decide_immediate_order, name="oppi_decide"),
    path("oppi/<int:oppi_pk>/notification/", views.notify_immediate_order, name="oppi_notify"),
]
