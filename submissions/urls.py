from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("submit/", views.submit_case_study, name="submit"),
    path("submit/thanks/", views.thanks, name="thanks"),
]
