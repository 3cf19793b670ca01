"""Semantic search: pages found and ranked by meaning as well as by words (SEARCH_SEMANTIC).

Each public page has a vector (``PageEmbedding``) made from its title and summary (``document``).
A search embeds the visitor's words and

- *retrieves* by meaning: the ``NEIGHBOURS`` public pages (within the selected filters) closest to
  the words, when they are at least ``MIN_SIMILARITY`` alike (``nearest``). Members who describe a
  problem in their own words mostly fail because the page that answers it shares too few words
  with them: no ranking of the word matches can find a page that is not among them;
- *fuses* the engine's ranking by words with the ranking by meaning by reciprocal rank fusion
  (``fuse``): a page both rankings like comes first, a page only one of them knows still gets its
  share, and neither ranking's raw scores need to be comparable.

Where the vectors live: a table of float32 bytes, every public page's vector held in memory per
process as one numpy matrix and re-read when the facet index's token changes (pages published,
unpublished, edited), like the facet index itself. Scoring every page is one matrix-vector product
(a fraction of a millisecond for thousands of pages), the same on SQLite and PostgreSQL. pgvector
would let PostgreSQL do it, but it is not packaged for the Debian release these servers run
(bookworm: no ``postgresql-15-pgvector``), and at the toolkit's size an index buys nothing. The
embedded OpenSearch node has no k-NN plugin either, so with OpenSearch the words are matched there
and the meaning here, and the service fuses the two.
"""

from django.conf import settings

from kb.models import KnowledgePage

from . import embeddings
from .engines.facet_index import current_index
from .models import PageEmbedding

FUSION_DEPTH = 50  # results fused (the most a page of results may show); later pages are by words only
NEIGHBOURS = 20  # pages retrieved by meaning
MIN_SIMILARITY = 0.3  # cosine below which a page is not about the same thing (all-MiniLM-L6-v2)
# Reciprocal rank fusion's damping constant: lower than the usual 60, so that the top of either
# ranking counts for more than being somewhere in both (measured with bench/relevance.py).
RRF_K = 20
RELAXED_WORDS_WEIGHT = 0.5  # the words' share in the fusion when no page has all of them

_matrix = None  # (token, {page id: row}, matrix) of this process's latest read


def enabled():
    return settings.SEARCH_SEMANTIC and embeddings.available()


def document(page):
    """The text a page's vector is made from: its title and summary, which every page has.

    What the page is about, said in two sentences by its editor. A mean of token vectors dilutes
    as text grows: adding the first 60 or 150 words of the body found fewer of the judged
    natural-language needs' articles (bench/relevance.py's set: 20 or 21 of 29 in the ten
    closest, against 24 of 29), at three to four times the cost of embedding.
    """
    return f"{page.title}. {page.summary}"


def embed_pages(pages):
    """Store the vectors of ``pages`` (specific page objects), replacing any older ones."""
    pages = list(pages)
    if not pages:
        return
    vectors = embeddings.embed([document(page) for page in pages])
    PageEmbedding.objects.filter(page_id__in=[page.pk for page in pages]).delete()
    PageEmbedding.objects.bulk_create(
        [
            PageEmbedding(page_id=page.pk, vector=vector.tobytes(), model=embeddings.MODEL_ID)
            for page, vector in zip(pages, vectors, strict=True)
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


def vectors():
    """({page id: row}, matrix) of the stored vectors, read again when pages have changed."""
    import numpy as np

    global _matrix
    token = current_index().token
    if _matrix is not None and token is not None and _matrix[0] == token:
        return _matrix[1], _matrix[2]
    rows = list(PageEmbedding.objects.filter(model=embeddings.MODEL_ID).values_list("page_id", "vector"))
    position = {pk: row for row, (pk, _vector) in enumerate(rows)}
    matrix = np.frombuffer(b"".join(bytes(vector) for _pk, vector in rows), dtype=np.float32)
    matrix = matrix.reshape(len(rows), embeddings.DIMENSIONS)
    _matrix = (token, position, matrix)
    return position, matrix


def ranking(text, filters=None):
    """[(page id, similarity)] of every public page with a vector, within ``filters`` ({facet:
    values}, as a SearchQuery holds them), the closest to ``text`` first."""
    position, matrix = vectors()
    index = current_index()
    allowed = index.visible()
    for facet, values in (filters or {}).items():
        allowed &= index.carrying(facet, values)
    ids = [pk for pk in index.ids_of(allowed) if pk in position]
    if not ids:
        return []
    similarity = matrix[[position[pk] for pk in ids]] @ embeddings.embed([text])[0]
    order = similarity.argsort(kind="stable")[::-1]
    return [(ids[i], float(similarity[i])) for i in order]


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
