from django.urls import path

from . import parameters, shelter_register, views

app_name = "support"

urlpatterns = [
    path("aides/", views.aid_requests, name="aid_requests"),
    path("aides/<int:pk>/", views.aid_request_detail, name="aid_request"),
    path("aides/<int:pk>/<str:decision>/", views.aid_request_decide, name="aid_request_decide"),
    path("dossiers/<int:pk>/aide/", views.aid_request_create, name="aid_request_create"),
    path("hebergements/", views.shelters, name="shelters"),
    path("hebergements/<int:pk>/capacite/", views.shelter_capacity, name="shelter_capacity"),
    path("hebergements/<int:pk>/modifier/", views.shelter_edit, name="shelter_edit"),
    path("hebergements/registre/", shelter_register.shelter_register, name="shelter_register"),
    path(
        "hebergements/registre/ajouter/",
        shelter_register.shelter_register_add,
        name="shelter_register_add",
    ),
    path(
        "hebergements/registre/<int:pk>/",
        shelter_register.shelter_register_edit,
        name="shelter_register_edit",
    ),
    path(
        "hebergements/attributions/<int:pk>/<str:action>/",
        views.allocation_action,
        name="allocation_action",
    ),
    path("dossiers/<int:pk>/hebergement/", views.places_request, name="places_request"),
    path("dossiers/<int:pk>/nouveau-depart/", views.plan, name="plan"),
    path("nouveau-depart/besoins/", views.partner_needs, name="partner_needs"),
    path("nouveau-depart/besoins/<int:pk>/etat/", views.need_update, name="need_update"),
    path("parametres/", parameters.parameters, name="parameters"),
    path("parametres/<str:parameter>/ajouter/", parameters.parameter_add, name="parameter_add"),
]
