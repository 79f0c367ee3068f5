from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.assessments_list, name="list"),
    path("dossier/<int:case_pk>/", views.case_assessments, name="case"),
    path("dossier/<int:case_pk>/<slug:instrument_id>/", views.run, name="run"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/niveau-retenu/", views.override, name="override"),
    path("<int:pk>/validation/", views.sign_off, name="sign_off"),
    path("<int:pk>/resume-victime/", views.victim_summary, name="victim_summary"),
]
