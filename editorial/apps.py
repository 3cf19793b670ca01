from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from . import notifications, unreviewed

        notifications.connect()
        unreviewed.connect()
