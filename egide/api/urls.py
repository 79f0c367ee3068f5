from django.urls import path

from .site import api

urlpatterns = [path("v1/", api.urls)]
