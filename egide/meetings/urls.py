from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("planifier/", views.schedule, name="schedule"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/membres/", views.invite, name="invite"),
    path("<int:pk>/proposer/", views.propose, name="propose"),
    path("<int:pk>/ordre-du-jour/inscrire/", views.list_case, name="list_case"),
    path("<int:pk>/ordre-du-jour/<int:item>/<str:decision>/", views.decide, name="decide"),
    path("<int:pk>/actions/ajouter/", views.action_add, name="action_add"),
    path("<int:pk>/actions/<int:action>/", views.action_close, name="action_close"),
    path("<int:pk>/compte-rendu/", views.minutes, name="minutes"),
    path("<int:pk>/clore/", views.close, name="close"),
]
