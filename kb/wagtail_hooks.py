"""Taxonomy screens in the Wagtail admin, grouped under one "Taxonomy" menu, and the lookups of the
taxonomy chooser on the page editor."""

from django.urls import include, path
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import taxonomy_lookups
from .models import Agency, LifeEvent, Topic


@hooks.register("register_admin_urls")
def register_taxonomy_lookups():
    # The chooser's script asks under <admin home>autocomplete/.
    return [path("autocomplete/", include(taxonomy_lookups.urlpatterns))]


class AgencyAdmin(ModelAdmin):
    model = Agency
    menu_icon = "site"
    list_display = ("name", "acronym", "level", "parent", "is_high_impact_service_provider", "slug")
    list_filter = ("level", "is_high_impact_service_provider")
    search_fields = ("name", "acronym", "slug")
    ordering = ("name",)


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_icon = "tag"
    menu_label = "Topics"
    list_display = ("name", "slug")
    search_fields = ("name", "slug", "description")


class LifeEventAdmin(ModelAdmin):
    model = LifeEvent
    menu_icon = "user"
    list_display = ("name", "slug")
    search_fields = ("name", "slug", "description")


@modeladmin_register
class TaxonomyGroup(ModelAdminGroup):
    menu_label = "Taxonomy"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (AgencyAdmin, TopicAdmin, LifeEventAdmin)
