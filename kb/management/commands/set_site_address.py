"""Set the default site's public host name and port, which canonical URLs, permalinks, citations,
embeds and feeds start with. `make run` sets the address it serves on; a production deploy sets its
real host name once (or in Wagtail admin → Settings → Sites)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Set the default site's host name and port, e.g. `set_site_address cx.example.gov 443`."

    def add_arguments(self, parser):
        parser.add_argument("hostname")
        parser.add_argument("port", type=int, nargs="?", default=80)

    def handle(self, *args, hostname, port, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run migrate and load_demo_content first.")
        if not 0 < port < 65536:
            raise CommandError(f"{port} is not a port number.")
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(self.style.SUCCESS(f"The default site is now {site.root_url}"))
