from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation, name="recommendation"),
]
