"""Report (and with --fix, repair) drift between the live pages and the search index.

Drift means: a live public toolkit page missing from the index, an indexed title that no longer
matches the page, an index entry for a page that no longer exists, or a page whose latest change
an external engine did not take (it was down or too slow when the page was saved: ``UnwrittenPage``,
whatever changed). Exit status is 1 when drift remains, so the command can run from cron or CI.
"""

from django.core.management.base import BaseCommand, CommandError

from kb.models import KnowledgePage
from search.engines.base import EngineUnavailable
from search.indexing import recount_everything, write_page
from search.models import UnwrittenPage
from search.service import get_engine


def find_drift(engine):
    """{"missing", "outdated", "orphaned", "unwritten": page ids} for ``engine``."""
    indexed = engine.indexed_titles()
    live = dict(KnowledgePage.objects.visible().values_list("pk", "title"))
    existing = set(KnowledgePage.objects.filter(pk__in=list(indexed)).values_list("pk", flat=True))
    missing = sorted(set(live) - set(indexed))
    outdated = sorted(pk for pk, title in live.items() if pk in indexed and indexed[pk] != title)
    orphaned = sorted(set(indexed) - existing)
    unwritten = sorted(UnwrittenPage.objects.values_list("page_id", flat=True))
    return {"missing": missing, "outdated": outdated, "orphaned": orphaned, "unwritten": unwritten}


class Command(BaseCommand):
    help = "Report drift between live pages and the search index; --fix repairs it."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Re-index missing/outdated pages, drop orphans.")

    def handle(self, fix=False, **options):
        try:
            self.check_index(get_engine(), fix)
        finally:
            if fix:
                # Every process also rebuilds the database engine's facet index from the pages, and
                # the words are counted again from the repaired entries: a change that bypassed
                # Django (raw SQL, ``QuerySet.update()``) may have left either behind.
                recount_everything()

    def check_index(self, engine, fix):
        try:
            drift = find_drift(engine)
        except EngineUnavailable as exc:
            raise CommandError(f"The {engine.name} search engine is not answering: {exc}") from exc
        self.stdout.write(f"{engine.name}: " + ", ".join(f"{len(ids)} {label}" for label, ids in drift.items()))
        for label, ids in drift.items():
            if ids:
                self.stdout.write(f"  {label}: {', '.join(map(str, ids[:50]))}{' ...' if len(ids) > 50 else ''}")
        if not any(drift.values()):
            return
        if not fix:
            raise CommandError("The search index has drifted; run with --fix to repair it.", returncode=1)
        # Written again as a save writes them; a page the engine still does not take is remembered again.
        UnwrittenPage.objects.filter(page_id__in=drift["unwritten"]).delete()
        pages = KnowledgePage.objects.filter(pk__in=drift["missing"] + drift["outdated"] + drift["unwritten"])
        for page in pages.specific():
            write_page(page)
        if drift["orphaned"]:
            engine.remove_from_index(drift["orphaned"])
        engine.refresh()
        if any(find_drift(engine).values()):
            raise CommandError("Drift remains after --fix; see the log for indexing errors.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Repaired: the index matches the live pages."))
