"""Add the seed CX glossary's synonym sets that are missing (after a flush, or a new seed)."""

from django.core.management.base import BaseCommand

from search.glossary import load_seed
from search.models import SynonymSet


class Command(BaseCommand):
    help = "Add the synonym sets of search/data/cx_glossary.yaml that the database does not have yet."

    def handle(self, **options):
        created = load_seed(SynonymSet)
        self.stdout.write(f"{created} synonym set(s) added.")
