from django.urls import include, path

from .summary import views as summary_views

urlpatterns = [
    path("", summary_views.home, name="home"),
    path("summary/", include("campaigns.summary.urls")),
    path("", include("campaigns.scoring.urls")),
]
