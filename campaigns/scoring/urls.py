from django.urls import path

from . import views

app_name = "scoring"

urlpatterns = [
    path("scores/", views.scores_list, name="list"),
    path("scores/<int:pk>/", views.scorecard_page, name="scorecard"),
    path("scores/<int:pk>/review/", views.scorecard_review, name="review"),
    path("scores/<int:pk>/evidence/", views.evidence_upload, name="evidence-upload"),
    path(
        "scores/<int:pk>/evidence/<int:evidence_pk>/",
        views.evidence_download,
        name="evidence-download",
    ),
    path(
        "scores/<int:pk>/evidence/<int:evidence_pk>/delete/",
        views.evidence_delete,
        name="evidence-delete",
    ),
    path("campaigns/ranking/", views.ranking_latest, name="ranking-latest"),
    path("campaigns/proposals/", views.proposals_latest, name="proposals-latest"),
    path("campaigns/<int:year>/ranking/", views.ranking, name="ranking"),
    path("campaigns/<int:year>/proposals/", views.proposals, name="proposals"),
]
