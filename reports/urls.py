from django.urls import include, path

from . import views

summary_patterns = [
    path("", views.summary_latest, name="latest"),
    path("<int:year>/", views.summary_page, name="page"),
    path("<int:year>/report.docx", views.summary_docx, name="docx"),
    path("<int:year>/figures.xlsx", views.summary_xlsx, name="xlsx"),
    path("<int:year>/records/<slug:dataset>/", views.records, name="records"),
    path("<int:year>/petitions/", views.petitions_page, name="petitions"),
    path("<int:year>/petitions.docx", views.petitions_download, name="petitions-docx"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("summary/", include((summary_patterns, "summary"))),
]
