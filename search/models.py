"""The search log: what members searched for and how many results they got.

Kept by the search page and the API (not by autocomplete keystrokes) so editors can see the most
frequent searches and the searches that found nothing, and write or promote content for them.
Only the normalised words and the filter selection are stored: never an IP address or user.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel


class SearchLog(models.Model):
    query_string = models.CharField(max_length=200, db_index=True, help_text="Lower-cased search words.")
    filters = models.CharField(max_length=500, blank=True, help_text="The selected filters, as a query string.")
    result_count = models.PositiveIntegerField()
    searched_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-searched_at"]
        verbose_name = "search log entry"
        verbose_name_plural = "search log"

    def __str__(self):
        return f"{self.query_string!r}: {self.result_count} results"


class FacetIndexVersion(models.Model):
    """One row saying how up to date the database engine's in-memory facet indexes must be.

    Every process keeps its own facet index (``search.engines.facet_index``) and reads this row at
    each search, with the changes listed since its index. Writers update the row first, in the same
    transaction as their change: its lock hands serials out in commit order, so a process that has
    seen serial n has seen every change up to n. The token changes with every write, so an index
    made from a change that was then rolled back is told apart from the change that reuses its serial.
    """

    token = models.CharField(max_length=32)
    serial = models.PositiveBigIntegerField(default=0, help_text="The latest change's serial number.")
    pruned_to = models.PositiveBigIntegerField(
        default=0, help_text="Changes up to this serial are no longer listed: an index older than that rebuilds."
    )

    class Meta:
        verbose_name = "facet index version"

    def __str__(self):
        return f"{self.token} #{self.serial}"


class FacetIndexChange(models.Model):
    """A page whose facet values or visibility may have changed at ``serial`` (no page: every page,
    after an index rebuild). Indexes older than that re-read the page, and only it."""

    serial = models.PositiveBigIntegerField(db_index=True)
    token = models.CharField(max_length=32)
    page_id = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = "facet index change"

    def __str__(self):
        return f"page {self.page_id or 'all'} at #{self.serial}"


class SynonymSet(models.Model):
    """Words, phrases and acronyms that mean the same to a CX practitioner ("call center", "contact
    center"), so that a search for one also finds the pages that use another.

    Members rarely know which of them the toolkit's authors chose. Editors keep the sets in the
    admin (Snippets); the search reads them at every query and widens the words it sends to the
    engine, so a change applies at the next search, on every engine, with no re-indexing.
    """

    terms = models.TextField(
        help_text="One word, phrase or acronym per line, e.g. “call center” and “contact center”. "
        "A search for any of them finds pages using any of them."
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "synonym set"
        ordering = ["terms"]

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class PageEmbedding(models.Model):
    """A toolkit page's meaning as sentence-embedding vectors, for semantic search (SEARCH_SEMANTIC).

    Members describe problems in their own words; the vectors let the search rank pages that say
    the same thing differently: one of the title and summary, then one per passage of the prose
    (``search.semantic``), packed as one float32 matrix per page, so that a page's vectors are
    written, replaced and removed together. Scored in memory with numpy: pgvector is not packaged
    for the Debian these servers run, SQLite has no vector type, and a few thousand pages' vectors
    fit in tens of megabytes. ``search.indexing`` keeps them in step with the pages.
    """

    page = models.OneToOneField(
        "kb.KnowledgePage", on_delete=models.CASCADE, primary_key=True, related_name="+", db_constraint=True
    )
    vectors = models.BinaryField(
        help_text="float32 rows of the model's dimensions: the title and summary's, then one per passage."
    )
    model = models.CharField(max_length=100, help_text="The embedding model that made the vectors.")

    class Meta:
        verbose_name = "page embedding"

    def __str__(self):
        return f"{self.model} vectors of page {self.page_id}"


class PageWords(models.Model):
    """The distinct words of a public toolkit page, as typo correction counted them.

    A changed page's words are counted again inside the writer's transaction
    (``search.engines.vocabulary``): its old words, read here, leave the counts and its new ones
    join them, so no process ever reads every page again. No foreign key: a deleted page's row must
    outlive the page until its words have left the counts.
    """

    page_id = models.PositiveIntegerField(primary_key=True)
    words = models.TextField(help_text="The page's lower-cased words, sorted, separated by spaces.")
    expire_at = models.DateTimeField(
        null=True, db_index=True, help_text="The page's expiry time: its words leave the vocabulary then."
    )

    class Meta:
        verbose_name = "page's words"
        verbose_name_plural = "pages' words"

    def __str__(self):
        return f"words of page {self.page_id}"


class WordCount(models.Model):
    """How many public toolkit pages use a word: the vocabulary typo correction picks from.

    ``serial`` is the facet index change (``FacetIndexVersion``) that last changed the count, so a
    process that counted as of serial n reads only the rows above n to catch up. A word no page uses
    any more keeps its row at 0 (until the next ``rebuild_search_index``), so that every process
    sees it go.
    """

    word = models.TextField(primary_key=True)
    pages = models.IntegerField()
    serial = models.PositiveBigIntegerField(db_index=True)

    class Meta:
        verbose_name = "word count"

    def __str__(self):
        return f"{self.word}: {self.pages} pages"


class UnwrittenPage(models.Model):
    """A page whose latest change an external search engine did not take (it was down or too slow):
    ``check_search_index`` reports these, and ``--fix`` writes them again.

    The engine is written after the page is saved, and its outage must not lose the editor's change
    (``search.indexing``): the failed write is logged and the save goes on. Without this record,
    nothing would say which entries are stale: ``check_search_index`` compares the indexed titles
    with the pages', and most changes (a summary, a renamed term, an unpublish) keep the title.
    """

    page_id = models.PositiveIntegerField(primary_key=True)
    failed_at = models.DateTimeField(auto_now_add=True, help_text="The first write that failed since the last repair.")

    class Meta:
        verbose_name = "page the search engine did not take"

    def __str__(self):
        return f"page {self.page_id} since {self.failed_at:%Y-%m-%d %H:%M}"
