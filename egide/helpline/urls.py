from django.urls import path

from . import views

app_name = "helpline"

urlpatterns = [
    path("appels/", views.calls, name="calls"),
    path("appels/3919/", views.victim_call, name="victim_call"),
    path("appels/3919/<int:call_pk>/mise-en-relation/", views.handover, name="handover"),
    path("appels/ne-frappez-pas/", views.perpetrator_call, name="perpetrator_call"),
    path("cpca/mises-en-relation/", views.cpca_handovers, name="cpca_handovers"),
    path(
        "cpca/mises-en-relation/<int:handover_pk>/rappele/",
        views.called_back,
        name="cpca_called_back",
    ),
]
