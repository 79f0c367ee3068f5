from django.urls import path

from . import views

app_name = "devices"

urlpatterns = [
    path("", views.device_list, name="list"),
    path("ajouter/", views.device_add, name="add"),
    path("<int:device_pk>/etat/", views.device_status, name="status"),
    path("<int:device_pk>/test/", views.device_test, name="test"),
    path("<int:device_pk>/installation/", views.device_installation, name="installation"),
    path(
        "<int:device_pk>/installation/nouveau-secret/",
        views.device_secret_rotate,
        name="secret_rotate",
    ),
    path(
        "<int:device_pk>/installation/revocation/",
        views.device_secret_revoke,
        name="secret_revoke",
    ),
    path("appairages/", views.pairings, name="pairings"),
    path("appairages/<int:pairing_pk>/", views.pairing_detail, name="pairing"),
    path("appairages/<int:pairing_pk>/derogation/", views.exemption_add, name="exemption_add"),
    path("appairages/<int:pairing_pk>/zone/", views.zone_add, name="zone_add"),
    path(
        "appairages/<int:pairing_pk>/renouvellement/", views.bracelet_renew, name="bracelet_renew"
    ),
    path("dossiers/<int:pk>/tgd/", views.phone_grant, name="phone_grant"),
    path("dossiers/<int:pk>/bar/", views.bracelet_order, name="bracelet_order"),
    path("tgd/<int:assignment_pk>/", views.assignment_detail, name="assignment"),
    path(
        "tgd/<int:assignment_pk>/renouvellement/", views.assignment_renew, name="assignment_renew"
    ),
    path(
        "tgd/<int:assignment_pk>/conservation/",
        views.assignment_keep_positions,
        name="assignment_keep_positions",
    ),
    path("tgd/<int:assignment_pk>/retrait/", views.assignment_withdraw, name="assignment_withdraw"),
]
