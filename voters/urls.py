from django.urls import path

from . import views

app_name = "voters"

urlpatterns = [
    path("reception/", views.reception_days, name="reception-days"),
    path("reception/new/", views.reception_day, name="reception-day-add"),
    path("reception/<int:pk>/", views.reception_day, name="reception-day"),
    path("voter-meetings/", views.meetings, name="meetings"),
    path("voter-meetings/new/", views.meeting, name="meeting-add"),
    path("voter-meetings/<int:pk>/", views.meeting, name="meeting"),
]
