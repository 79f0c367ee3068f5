from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("appairages/<int:pairing_pk>/", views.archived_pairing, name="archived_pairing"),
    path("registre-des-traitements/", views.processing_register, name="register"),
]
