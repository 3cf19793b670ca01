"""Semantic search: pages ranked by meaning as well as by words (optional, SEARCH_SEMANTIC=1).

Each public page has a vector (``PageEmbedding``) made from its title, summary and the start of its
text (``document``). A search embeds the visitor's words and re-ranks the engine's best
``FUSION_DEPTH`` results by reciprocal rank fusion of their lexical rank and their rank by cosine
similarity: a page both rankings like comes first, and neither ranking's raw scores need to be
comparable. The engine still decides which pages match, so counts and facets are unchanged.

The vectors of every public page are held in memory per process and re-read when the facet
index's token changes (pages published, unpublished, edited), like the facet index itself.
"""

from django.conf import settings

from kb.models import KnowledgePage

from . import embeddings
from .engines.facet_index import current_index
from .models import PageEmbedding

FUSION_DEPTH = 50  # lexical results re-ranked (the most a page of results may show)
RRF_K = 60  # reciprocal rank fusion's damping constant (Cormack et al.'s value)
DOCUMENT_WORDS = 150  # of the page's text, after its title and summary

_matrix = None  # (token, {page id: row}, matrix) of this process's latest read


def enabled():
    return settings.SEARCH_SEMANTIC and embeddings.available()


def document(page):
    """The text a page's vector is made from."""
    from .engines.elasticsearch import page_text

    words = page_text(page).split()[:DOCUMENT_WORDS]
    return f"{page.title}. {page.summary} {' '.join(words)}"


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


def fuse(text, ranked_ids):
    """``ranked_ids`` (the engine's order) re-ranked by reciprocal rank fusion with their cosine
    similarity to ``text``; pages without a vector keep their lexical rank's share only."""
    position, matrix = vectors()
    with_vectors = [pk for pk in ranked_ids if pk in position]
    if not with_vectors:
        return list(ranked_ids)
    query = embeddings.embed([text])[0]
    similarity = matrix[[position[pk] for pk in with_vectors]] @ query
    by_meaning = [with_vectors[i] for i in similarity.argsort()[::-1]]
    score = {pk: 1 / (RRF_K + rank) for rank, pk in enumerate(ranked_ids, 1)}
    for rank, pk in enumerate(by_meaning, 1):
        score[pk] += 1 / (RRF_K + rank)
    return sorted(ranked_ids, key=lambda pk: -score[pk])
