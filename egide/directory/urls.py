from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("trouver-de-l-aide/", views.find_help, name="find_help"),
    path("dossiers/<int:pk>/orientation/", views.case_orientation, name="case_orientation"),
]
