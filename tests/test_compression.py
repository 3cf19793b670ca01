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


def test_a_page_from_the_page_cache_is_compressed_too(client, study, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get(study.url)

    with CaptureQueriesContext(connection) as queries:
        cached = client.get(study.url, headers={"accept-encoding": "gzip"})

    assert len(queries) == 0
    assert cached["Content-Encoding"] == "gzip"
    assert b"Faster benefit claims" in gzip.decompress(cached.content)


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
