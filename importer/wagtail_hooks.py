"""Admin wiring for the Markdown import page, and the log action of pages a content load published."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .loads import LOAD_PUBLISH_ACTION
from .views import can_import, import_markdown


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("import-markdown/", import_markdown, name="importer_import_markdown")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("Import Markdown", reverse("importer_import_markdown"), icon_name="upload", order=270)


@hooks.register("register_log_actions")
def register_load_publish_action(actions):
    actions.register_action(LOAD_PUBLISH_ACTION, "Publish by a content load", "Published by a content load (no review)")
