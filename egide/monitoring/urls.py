from django.urls import path

from . import intake_views, views

app_name = "monitoring"

urlpatterns = [
    path("", views.console, name="console"),
    path("file/", views.queue, name="queue"),
    path("flux/", views.stream, name="stream"),
    path("incidents/<int:pk>/", views.incident, name="incident"),
    path("incidents/<int:pk>/carte.json", views.incident_map, name="incident_map"),
    path("incidents/<int:pk>/<slug:action>/", views.incident_action, name="incident_action"),
    path("fond-de-carte/<int:z>/<int:x>/<int:y>.svg", views.basemap_tile, name="basemap_tile"),
    path("sante/", views.device_board, name="health"),
    path("salle-police/", views.police_room, name="police_room"),
    # Devices (no session; authenticated by each device's secret). Also without the trailing
    # slash: a redirect would lose a POST's body (clients do not follow it with the body).
    path("reception/osmand/", intake_views.osmand, name="intake_osmand"),
    path("reception/traccar/", intake_views.traccar, name="intake_traccar"),
    path("reception/lot/", intake_views.batch, name="intake_batch"),
    path("reception/osmand", intake_views.osmand, name="intake_osmand_bare"),
    path("reception/traccar", intake_views.traccar, name="intake_traccar_bare"),
    path("reception/lot", intake_views.batch, name="intake_batch_bare"),
]
