from django.urls import path

from . import views

app_name = "perpetrators"

urlpatterns = [
    path("", views.programmes_home, name="programmes"),
    path("orientations/<int:order_pk>/inscription/", views.enrol_order, name="enrol_order"),
    path("inscription-volontaire/", views.enrol_volunteer, name="enrol_volunteer"),
    path("suivis/<int:enrolment_pk>/", views.enrolment_detail, name="enrolment"),
    path("suivis/<int:enrolment_pk>/modules/", views.plan_modules, name="modules"),
    path("suivis/<int:enrolment_pk>/seances/", views.plan_session, name="plan_session"),
    path("suivis/<int:enrolment_pk>/fin/", views.end_enrolment, name="end_enrolment"),
    path("seances/<int:session_pk>/presence/", views.record_attendance, name="attendance"),
    path("rapports/<int:report_pk>/transmission/", views.send_report, name="send_report"),
    path("dossiers/<int:case_pk>/orientation/", views.order_programme, name="order_programme"),
    path("rapports-cpca/", views.reports, name="reports"),
    path("rapports-cpca/<int:report_pk>/lu/", views.acknowledge_report, name="acknowledge_report"),
]
