from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("dossiers/<int:case_pk>/ouvrir/", views.review_open, name="open"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/membres/", views.review_invite, name="invite"),
    path("<int:pk>/occasions-manquees/", views.review_mark, name="mark"),
    path("<int:pk>/recommandations/", views.review_recommend, name="recommend"),
    path("recommandations/<int:pk>/", views.recommendation_update, name="recommendation"),
    path("<int:pk>/cloturer/", views.review_close, name="close"),
    path("<int:pk>/export/", views.review_export, name="export"),
]
