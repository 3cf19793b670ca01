"""Pages go out gzip-compressed to browsers that accept it, from the page cache too; files don't."""

import gzip
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.models import CaseStudyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(make_page):
    return make_page(CaseStudyPage, title="Faster benefit claims", slug="faster-claims")


def test_a_page_is_compressed_for_a_browser_that_accepts_gzip(client, study):
    plain = client.get(study.url)
    compressed = client.get(study.url, headers={"accept-encoding": "gzip, deflate, br"})

    assert plain.status_code == compressed.status_code == 200
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content).decode().count("Faster benefit claims") >= 1
    assert len(compressed.content) < len(plain.content) / 2


def test_the_page_cache_keeps_a_compressed_copy_beside_the_plain_one(client, study, settings):
    """Compressed once when stored, not on every hit: gzip's anti-BREACH random bytes would make
    every freshly compressed answer differ."""
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(study.url, headers={"accept-encoding": "gzip"})
    client.get(study.url)

    with CaptureQueriesContext(connection) as queries:
        cached = client.get(study.url, headers={"accept-encoding": "gzip"})
        plain = client.get(study.url)

    assert len(queries) == 0 and not cached.templates and not plain.templates
    assert cached["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert cached.content == first.content
    assert gzip.decompress(cached.content) == plain.content


def test_files_are_sent_as_they_are(client, settings):
    # The media route serves the MEDIA_ROOT configured when the URLs were loaded.
    path = Path(settings.MEDIA_ROOT) / f"notes-{uuid.uuid4().hex}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("plain words " * 100)
    try:
        response = client.get(f"/media/{path.name}", headers={"accept-encoding": "gzip"})
        body = b"".join(response.streaming_content)
    finally:
        path.unlink()

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert body == b"plain words " * 100
