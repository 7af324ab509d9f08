from django.urls import path

from . import attendance_views, views

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
]
