from django.urls import path

from . import views

app_name = "eviction"

urlpatterns = [
    path("dossiers/<int:pk>/", views.case_requests, name="case_requests"),
    path("tribunal/", views.court_requests, name="court_requests"),
    path("demandes/<int:pk>/retirer/", views.request_withdraw, name="request_withdraw"),
    path("logements/", views.places, name="places"),
    path("logements/ajouter/", views.place_add, name="place_add"),
    path("logements/<int:pk>/", views.place_update, name="place_update"),
    path("demandes/<int:pk>/", views.request_detail, name="request"),
    path("demandes/<int:pk>/<str:action>/", views.request_action, name="request_action"),
]
