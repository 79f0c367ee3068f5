from django.urls import path

from . import views

app_name = "criminal"

urlpatterns = [
    path("dossier/<int:case_pk>/", views.case_part, name="case"),
    path("dossier/<int:case_pk>/etape/", views.stage_add, name="stage_add"),
    path("dossier/<int:case_pk>/suivi-spip/", views.follow_up_assign, name="follow_up_assign"),
    path("dossier/<int:case_pk>/sortie/", views.release_add, name="release_add"),
    path("dossier/<int:case_pk>/avis-victime/", views.notice_waiver, name="notice_waiver"),
    path("sortie/<int:release_pk>/", views.release_check, name="release_check"),
    path("spip/", views.followed, name="followed"),
    path("spip/<int:follow_up_pk>/", views.follow_up, name="follow_up"),
    path("spip/<int:follow_up_pk>/controle/", views.check_add, name="check_add"),
]
