from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("donnees-ouvertes.csv", views.open_data_csv, name="open_data_csv"),
    path("donnees-ouvertes.json", views.open_data_json, name="open_data_json"),
    path("<slug:slug>/", views.indicator, name="indicator"),
]
