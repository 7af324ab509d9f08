from django.urls import path

from . import attendance_views, views, vote_views

app_name = "council_sessions"

urlpatterns = [
    path("sessions/<int:pk>/documents/", views.session_documents, name="documents"),
    path("documents/<int:pk>/download/", views.document_download, name="document-download"),
    path("attendance/", attendance_views.attendance_sessions, name="attendance-sessions"),
    path(
        "attendance/sessions/<int:pk>/",
        attendance_views.attendance_record,
        name="attendance-record",
    ),
    path("attendance/<int:year>/", attendance_views.attendance_year, name="attendance-year"),
    path("votes/", vote_views.vote_sessions, name="vote-sessions"),
    path("votes/sessions/<int:pk>/", vote_views.vote_session, name="vote-session"),
    path("votes/sessions/<int:pk>/add/", vote_views.vote_add, name="vote-add"),
    path("votes/<int:pk>/", vote_views.vote_edit, name="vote-edit"),
]
