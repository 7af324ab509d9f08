from django.urls import path

from . import views

app_name = "council_sessions"

urlpatterns = [
    path("sessions/<int:pk>/documents/", views.session_documents, name="documents"),
    path("documents/<int:pk>/download/", views.document_download, name="document-download"),
]
