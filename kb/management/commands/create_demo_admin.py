"""Create the demo superuser that `make run` prints, so a first-time visitor can open the admin."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "cx-toolkit-demo"


class Command(BaseCommand):
    help = "Create (or reset) the demo admin account. Development only: refuses to run with DEBUG off."

    def handle(self, *args, **options):
        # No override: a superuser with a published password must never exist on a real deploy.
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo admin with a known password while DEBUG is off.")
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "admin@example.gov"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} demo admin: username '{DEMO_USERNAME}', password '{DEMO_PASSWORD}'")
        )
