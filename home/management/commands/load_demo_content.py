"""Load the demonstration toolkit content, so a fresh site has pages, taxonomy and media to explore.

Safe to run any number of times: it only creates what is missing (see `home.demo.loader`).
"""

import time

from django.core.management.base import BaseCommand

from home.demo.loader import DemoContentLoader, describe


class Command(BaseCommand):
    help = "Create the demo case studies, tools, agency examples and taxonomy. Creates only what is missing."

    def handle(self, *args, **options):
        started = time.perf_counter()
        created = DemoContentLoader().load(progress=self.stdout.write)
        elapsed = time.perf_counter() - started
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f} s."))
        else:
            self.stdout.write(self.style.NOTICE(f"{describe(created)} ({elapsed:.1f} s)"))
