from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "linking"
    verbose_name = "Linking, citing and syndication"
    default_auto_field = "django.db.models.BigAutoField"
