from django.urls import path

from . import sharing_views, support_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ouvrir/", views.open_case, name="open"),
    path("ouvrir/verifier/", views.open_case_check, name="open_check"),
    path("accompagnement/ouvrir/", support_views.open_support, name="open_support"),
    path("acces-urgence/", sharing_views.break_glass, name="break_glass"),
    path("orientations/", sharing_views.referral_inbox, name="referrals"),
    path(
        "orientations/<int:referral_pk>/decision/",
        sharing_views.referral_decide,
        name="referral_decide",
    ),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/impression/", views.case_print, name="print"),
    path("<int:pk>/faits/ajouter/", views.incident_add, name="incident_add"),
    path("<int:pk>/personnes/ajouter/", views.person_add, name="person_add"),
    path("<int:pk>/personnes/<int:person_pk>/", views.person_edit, name="person_edit"),
    path("<int:pk>/relation/", views.relationship_edit, name="relationship_edit"),
    path("<int:pk>/contact-sur/", views.safe_contact_edit, name="safe_contact_edit"),
    path("<int:pk>/adresse/", views.masking_edit, name="masking_edit"),
    path("<int:pk>/sortie-detention/", views.release_add, name="release_add"),
    path("<int:pk>/cloturer/", views.case_close, name="close"),
    path("<int:pk>/surveiller/", views.case_supervise, name="supervise"),
    path("<int:pk>/rouvrir/", views.case_reopen, name="reopen"),
    path("<int:pk>/pieces/ajouter/", views.document_add, name="document_add"),
    path("<int:pk>/pieces/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/notes/", views.case_notes, name="notes"),
    path("<int:pk>/preuves/", support_views.evidence_page, name="evidence"),
    path("<int:pk>/transmettre/", support_views.transfer, name="transfer"),
    path("<int:pk>/rattacher/", support_views.merge, name="merge"),
    path("<int:pk>/partage/", sharing_views.sharing_page, name="sharing"),
    path("<int:pk>/partage/consentement/", sharing_views.consent_add, name="consent_add"),
    path(
        "<int:pk>/partage/consentement/<int:consent_pk>/retrait/",
        sharing_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/partage/orientation/", sharing_views.referral_send, name="referral_send"),
    path(
        "<int:pk>/partage/orientation/<int:referral_pk>/revocation/",
        sharing_views.referral_revoke,
        name="referral_revoke",
    ),
]
