from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("langue/", set_language, name="set_language"),
]
