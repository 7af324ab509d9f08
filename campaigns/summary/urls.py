from django.urls import path

from . import views

app_name = "summary"

urlpatterns = [
    path("<int:year>/", views.summary_page, name="page"),
    path("<int:year>/report.docx", views.summary_docx, name="docx"),
    path("<int:year>/figures.xlsx", views.summary_xlsx, name="xlsx"),
    path("<int:year>/records/<slug:dataset>/", views.records, name="records"),
]
