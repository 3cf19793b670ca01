"""Semantic search: pages found and ranked by meaning as well as by words (SEARCH_SEMANTIC).

Each public page has vectors (``PageEmbedding``): one of its title and summary (``document``), and
one per passage of its prose (``passages``). A page is as close to a search as its summary, raised
by ``PASSAGE_WEIGHT`` of the margin by which its closest passage beats it (``similarities``): one
vector of a whole article would blur as the text grows (a mean of token vectors), while a question
usually matches the one paragraph that answers it. A search embeds the visitor's words and

- *retrieves* by meaning: the ``NEIGHBOURS`` public pages (within the selected filters) closest to
  the words, when they are at least ``MIN_SIMILARITY`` alike (``nearest``). Members who describe a
  problem in their own words mostly fail because the page that answers it shares too few words
  with them: no ranking of the word matches can find a page that is not among them;
- *fuses* the engine's ranking by words with the ranking by meaning by reciprocal rank fusion
  (``fuse``): a page both rankings like comes first, a page only one of them knows still gets its
  share, and neither ranking's raw scores need to be comparable.

Where the vectors live: a table of float32 bytes (a page's vectors packed as one matrix, its
summary's first), every public page's vectors held in memory per process as one numpy matrix and,
when the facet index's token changes (pages published, unpublished, edited), brought up to date
from its change list like the facet index itself: only the changed pages' rows are read again.
Scoring every vector is one matrix-vector product (a fraction of a millisecond for tens of
thousands of vectors), the same on SQLite and PostgreSQL. pgvector would let PostgreSQL do it,
but it is not packaged for the Debian release these servers run (bookworm: no
``postgresql-15-pgvector``), and at the toolkit's size an index buys nothing. The embedded
OpenSearch node has no k-NN plugin either, so with OpenSearch the words are matched there
and the meaning here, and the service fuses the two.
"""

from functools import lru_cache

from django.conf import settings

from kb.models import KnowledgePage

from . import embeddings
from .engines.facet_index import IdPositions, catch_up, current_index
from .engines.snippets import page_prose, sentences
from .models import PageEmbedding

FUSION_DEPTH = 50  # results fused (the most a page of results may show); later pages are by words only
NEIGHBOURS = 20  # pages retrieved by meaning
MIN_SIMILARITY = 0.3  # cosine below which a page is not about the same thing (all-MiniLM-L6-v2)
# Reciprocal rank fusion's damping constant: lower than the usual 60, so that the top of either
# ranking counts for more than being somewhere in both (measured with bench/relevance.py).
RRF_K = 20
RELAXED_WORDS_WEIGHT = 0.5  # the words' share in the fusion when no page has all of them
# ... and when the search is a sentence: most of a sentence's words are in pages about something
# else, so for a need described in the searcher's words the meaning decides and the words only
# break near-ties (bench/relevance.py, SQLite: natural-language success@10 0.79 to 0.83, MRR 0.45
# to 0.58; but the held-out needs' MRR fell from 0.93 to 0.87, so part of it fits the tuned set).
SENTENCE_WORDS_WEIGHT = 0.2
# A passage: sentences of the prose, up to this many words: well inside the 256 tokens (about 180
# words) all-MiniLM-L6-v2 reads, about a paragraph (the one size measured).
PASSAGE_WORDS = 100
# The share of its best passage's lead over its summary that a page gains (0: summaries only).
# More lets passages outweigh what the page is about: at 0.5 the judged natural-language needs
# lost two articles to pages with one close paragraph (bench/relevance.py).
PASSAGE_WEIGHT = 0.3
# Passages embedded per page, at most: the first 2,400 or so words. Embedding runs when a page is
# published, at about a tenth of a second a passage on one core, so a 9,000-word page would hold
# its publish for seconds; 95% of the digital.gov articles have fewer than 15 passages.
MAX_PASSAGES = 24
# Searches whose vectors each process keeps: paging through results or choosing a filter searches
# the same words again, and embedding them is most of what meaning adds to a search's time.
QUERY_VECTORS = 512

_matrix = None  # (token, serial, Vectors): this process's vectors as of that facet index change


def enabled():
    return settings.SEARCH_SEMANTIC and embeddings.available()


def document(page):
    """The text of a page's first vector: its title and summary, which every page has.

    What the page is about, said in two sentences by its editor. A mean of token vectors dilutes
    as text grows: adding the first 60 or 150 words of the body found fewer of the judged
    natural-language needs' articles (bench/relevance.py's set: 20 or 21 of 29 in the ten
    closest, against 24 of 29), at three to four times the cost of embedding.
    """
    return f"{page.title}. {page.summary}"


def passages(page):
    """The texts of a page's passage vectors: its prose (rich text fields and blocks, as readers
    see it) cut into runs of whole sentences of up to ``PASSAGE_WORDS`` words, each after the
    page's title, which says what the passage is about when the passage itself does not.

    A passage ends at a paragraph's end once it holds half its words, so that it keeps to one
    point; a sentence longer than a passage is one on its own (the model reads its start). Only
    the first ``MAX_PASSAGES`` are kept.
    """
    found, current = [], []
    for paragraph in page_prose(page):
        for sentence in sentences(paragraph):
            words = sentence.split()
            if current and len(current) + len(words) > PASSAGE_WORDS:
                found.append(current)
                current = []
            current += words
        if len(current) >= PASSAGE_WORDS // 2:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return [f"{page.title}. {' '.join(words)}" for words in found[:MAX_PASSAGES]]


def embed_pages(pages):
    """Store the vectors of ``pages`` (specific page objects), replacing any older ones."""
    import numpy as np

    pages = list(pages)
    if not pages:
        return
    texts = [[document(page), *passages(page)] for page in pages]
    vectors = embeddings.embed([text for page_texts in texts for text in page_texts])
    bounds = np.cumsum([0] + [len(page_texts) for page_texts in texts])
    PageEmbedding.objects.filter(page_id__in=[page.pk for page in pages]).delete()
    PageEmbedding.objects.bulk_create(
        [
            PageEmbedding(page_id=page.pk, vectors=vectors[start:end].tobytes(), model=embeddings.MODEL_ID)
            for page, start, end in zip(pages, bounds[:-1], bounds[1:], strict=True)
        ]
    )


def sync_pages(ids):
    """Bring the vectors of the pages ``ids`` up to date: public pages embedded, others dropped."""
    public = KnowledgePage.objects.visible().filter(pk__in=list(ids)).specific()
    embed_pages(public)
    PageEmbedding.objects.filter(page_id__in=list(ids)).exclude(page_id__in=[page.pk for page in public]).delete()


def embed_all(batch=64):
    """Vectors for every public page (``rebuild_search_index`` and the relevance benchmark)."""
    PageEmbedding.objects.exclude(page_id__in=KnowledgePage.objects.visible().values("pk")).delete()
    ids = list(KnowledgePage.objects.visible().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        embed_pages(KnowledgePage.objects.filter(pk__in=ids[start : start + batch]).specific())


class Vectors:
    """Every stored vector as one matrix: each page's rows together, its summary's first.

    ``position`` maps a page id to its place in ``starts``, the row where its vectors begin.
    """

    def __init__(self, rows):
        """``rows``: [(page id, its vectors: float32 bytes as stored, or a float32 matrix)]."""
        import numpy as np

        blocks = [np.frombuffer(packed, dtype=np.float32).reshape(-1, embeddings.DIMENSIONS) for _pk, packed in rows]
        counts = [len(block) for block in blocks]
        self.position = {pk: place for place, (pk, _packed) in enumerate(rows)}
        self.by_id = IdPositions(np.array([pk for pk, _packed in rows], dtype=np.int64))  # by place
        self.starts = np.cumsum([0] + counts[:-1]).astype(np.int64)
        self.ends = self.starts + np.array(counts, dtype=np.int64)
        self.matrix = np.concatenate(blocks) if blocks else np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)

    @staticmethod
    def read(ids=None):
        """The stored rows of every page, or of the pages ``ids``."""
        rows = PageEmbedding.objects.filter(model=embeddings.MODEL_ID)
        if ids is not None:
            rows = rows.filter(page_id__in=list(ids))
        return list(rows.values_list("page_id", "vectors"))

    def updated(self, changed):
        """These vectors with the pages ``changed`` read again (only their rows read): the other
        pages' blocks are kept, and joined again with the new ones."""
        kept = [
            (pk, self.matrix[self.starts[place] : self.ends[place]])
            for pk, place in self.position.items()
            if pk not in changed
        ]
        return type(self)(kept + self.read(changed))

    def similarities(self, vector):
        """Each page's similarity to ``vector`` (in ``position``'s order): its summary's cosine,
        raised by ``PASSAGE_WEIGHT`` of the lead of its closest passage, if that is closer."""
        import numpy as np

        cosines = self.matrix @ vector
        summary = cosines[self.starts]
        closest = np.maximum.reduceat(cosines, self.starts)  # the summary's row included
        return summary + PASSAGE_WEIGHT * (closest - summary)

    def places(self, ids):
        """(the ids among ``ids``, a numpy array, that have vectors, in their order; their places)."""
        present, places = self.by_id.find(ids)
        return ids[present], places


def vectors():
    """The stored ``Vectors``, brought up to date when pages have changed: only the changed pages'
    rows are read, unless the facet index's change list cannot tell which pages changed since
    this process's vectors (then every row)."""
    global _matrix
    kept = _matrix = catch_up(
        _matrix,
        updated=lambda stored, _serial, changed: stored.updated(changed),
        read_afresh=lambda: Vectors(Vectors.read()),
    )
    return kept[2]


@lru_cache(maxsize=1)
def limit_blas_threads():
    """Keep numpy's BLAS (the matrix product of ``Vectors.similarities``) to the calling thread.

    OpenBLAS otherwise runs that product on a thread per core, whose threads then spin-wait for
    more work and take the cores from the rest of the search, and from other requests: on 2 busy
    cores a natural-language search took about twice as long with them (bench/relevance.py, the
    same run: SQLite 92 against 51 ms p50, PostgreSQL 152 against 72). Scoring a few thousand
    vectors gains nothing from more threads. Once per process, like onnxruntime's one thread
    per search (``embeddings.model``).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=QUERY_VECTORS)
def query_vector(text):
    """The vector of a search's words (read-only: it is shared by every search of them)."""
    vector = embeddings.embed([text])[0]
    vector.flags.writeable = False
    return vector


def ranking(text, filters=None, depth=FUSION_DEPTH):
    """[(page id, similarity)] of the ``depth`` public pages with vectors, within ``filters``
    ({facet: values}, as a SearchQuery holds them), closest to ``text``, the closest first.

    Only the first ``depth`` are wanted (``nearest`` and ``fuse`` read no further), so the other
    pages' ids and scores stay in numpy arrays: at 100,000 pages making a Python pair of each took
    longer than scoring them.
    """
    limit_blas_threads()
    stored = vectors()
    index = current_index()
    allowed = index.visible()
    for facet, values in (filters or {}).items():
        allowed &= index.carrying(facet, values)
    ids, places = stored.places(index.id_array_of(allowed))
    if not len(ids):
        return []
    similarity = stored.similarities(query_vector(text))[places]
    order = closest_first(similarity, depth)
    return list(zip(ids[order].tolist(), similarity[order].tolist(), strict=True))


def closest_first(similarity, depth):
    """The places of the ``depth`` highest of ``similarity``, highest first, equals in reverse
    order of place (as a stable sort read backwards): only the pages at or above the ``depth``-th
    highest are sorted, not all of them."""
    import numpy as np

    if len(similarity) > depth:
        threshold = np.partition(similarity, len(similarity) - depth)[len(similarity) - depth]
        candidates = np.flatnonzero(similarity >= threshold)
    else:
        candidates = np.arange(len(similarity))
    return candidates[similarity[candidates].argsort(kind="stable")[::-1]][:depth]


def nearest(ranked):
    """The pages of a ``ranking`` close enough in meaning to be found by it."""
    return [pk for pk, similarity in ranked[:NEIGHBOURS] if similarity >= MIN_SIMILARITY]


def fuse(lexical, ranked, neighbours=(), words_weight=1.0):
    """The pages of ``lexical`` (page ids, best match by words first) and ``neighbours`` (found by
    meaning), ordered by reciprocal rank fusion of their rank by words and their rank in ``ranked``."""
    score = {pk: words_weight / (RRF_K + rank) for rank, pk in enumerate(lexical[:FUSION_DEPTH], 1)}
    found = set(lexical) | set(neighbours)
    for rank, (pk, _similarity) in enumerate(ranked[:FUSION_DEPTH], 1):
        if pk in found:
            score[pk] = score.get(pk, 0.0) + 1 / (RRF_K + rank)
    return sorted(found, key=lambda pk: -score.get(pk, 0.0))
