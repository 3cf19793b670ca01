from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", api.urls),
    path("healthz", views.healthz, name="healthz"),
]
