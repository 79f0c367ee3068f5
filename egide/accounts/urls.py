from django.urls import path

from . import administration, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("connexion/code/", views.verify, name="verify"),
    path("connexion/enrolement/", views.enrol, name="enrol"),
    path("connexion/codes-de-secours/", views.recovery_codes, name="recovery_codes"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("deconnexion/partout/", views.logout_everywhere, name="logout_everywhere"),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "mot-de-passe/reinitialiser/<str:token>/",
        views.password_reset_view,
        name="password_reset",
    ),
    path("role/", views.switch_membership, name="switch_membership"),
    path("structures/", administration.agencies, name="agencies"),
    path("structures/nouvelle/", administration.agency_create, name="agency_create"),
    path("structures/<int:pk>/", administration.agency_edit, name="agency_edit"),
    path("utilisateurs/", administration.users, name="users"),
    path("utilisateurs/nouveau/", administration.user_create, name="user_create"),
    path("utilisateurs/<int:pk>/", administration.user_detail, name="user_detail"),
    path(
        "utilisateurs/<int:pk>/desactiver/",
        administration.user_deactivate,
        name="user_deactivate",
    ),
    path(
        "utilisateurs/<int:pk>/reinitialiser-second-facteur/",
        administration.user_reset_second_factor,
        name="user_reset_second_factor",
    ),
    path(
        "utilisateurs/<int:pk>/reinitialiser-mot-de-passe/",
        administration.user_reset_password,
        name="user_reset_password",
    ),
    path("utilisateurs/<int:pk>/debloquer/", administration.user_unlock, name="user_unlock"),
    path(
        "utilisateurs/<int:pk>/affectations/",
        administration.membership_add,
        name="membership_add",
    ),
    path("roles-a-approuver/", administration.role_grants, name="role_grants"),
    path(
        "roles-a-approuver/<int:pk>/",
        administration.role_grant_decide,
        name="role_grant_decide",
    ),
    path(
        "affectations/<int:pk>/retirer/",
        administration.membership_remove,
        name="membership_remove",
    ),
]
