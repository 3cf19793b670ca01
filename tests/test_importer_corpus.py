"""Integration: import the 266 customer-experience articles of the real digital.gov corpus.

The corpus is read where it lies (DIGITALGOV_CORPUS, default ../shared/corpora/digitalgov next to
the repository) and never copied into the project. The import runs once for the module, inside a
transaction rolled back at the end; each test then looks at the result the way people would meet
it: through the search service, old URLs and the public pages.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict

from home.site_structure import ensure_site_structure
from importer.service import MarkdownImporter
from kb.models import KnowledgePage, ToolPage
from search.query import parse_search_query
from search.service import run_search

CORPUS = Path(os.environ.get("DIGITALGOV_CORPUS", Path(__file__).resolve().parents[2] / "shared/corpora/digitalgov"))
pytestmark = pytest.mark.skipif(
    not (CORPUS / "cx-files.txt").is_file(),
    reason=f"digital.gov corpus not found at {CORPUS} (set DIGITALGOV_CORPUS to run the corpus import tests)",
)
CHATBOTS = "content/news/2021/04/2021-04-06-using-chatbots-to-improve-customer-experience.md"


@pytest.fixture(scope="module")
def corpus_report(django_db_setup, django_db_blocker):
    keys = (CORPUS / "cx-files.txt").read_text().split()
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_site_structure()
        call_command("setup_editorial", stdout=io.StringIO())
        yield MarkdownImporter(publish=True).run((CORPUS / key, key) for key in keys)
        transaction.set_rollback(True)


@pytest.fixture
def report(corpus_report, db):
    return corpus_report


def search(**params):
    querydict = QueryDict(mutable=True)
    querydict.update(params)
    query, errors = parse_search_query(querydict)
    assert not errors
    return run_search(query)


def test_every_cx_file_is_imported_without_errors(report):
    counts = report.counts()
    assert len(report.outcomes) == 266
    assert counts["failed"] == 0, report.reasons("failed")
    assert counts["skipped"] == 0, report.reasons("skipped")
    assert counts["created"] + counts["redirected"] == 266
    assert KnowledgePage.objects.filter(import_source__isnull=False).count() == counts["created"]


def test_imported_articles_are_found_by_their_words(report):
    results = search(q="chatbots customer satisfaction")
    assert "Using Chatbots To Improve Customer Experience" in [hit.title for hit in results.hits]


def test_imported_articles_are_found_by_their_facets(report):
    live_cx_tools = ToolPage.objects.visible().filter(topics__slug="customer-experience")
    results = search(type="tool", topic="customer-experience", per_page="50")
    assert results.count == live_cx_tools.count() > 0
    assert {hit.type for hit in results.hits} == {"tool"}
    topic_counts = {value.value: value.count for value in results.facets["topic"]}
    assert topic_counts["customer-experience"] == results.count


def test_hugo_entities_never_reach_titles_or_summaries(report):
    assert not KnowledgePage.objects.filter(title__contains="&#").exists()
    assert not KnowledgePage.objects.filter(summary__contains="&#").exists()


def test_old_digital_gov_urls_redirect_to_the_imported_pages(report, client):
    community = KnowledgePage.objects.get(import_source="content/communities/contact-center.md")
    response = client.get("/communities/government-contact-center-council-g3c/")  # one of its aliases
    assert response.status_code == 301
    assert response["Location"].endswith(community.url)
    chatbots = KnowledgePage.objects.get(import_source=CHATBOTS)
    response = client.get("/2021/04/07/using-chatbots-to-improve-customer-experience/")  # its news permalink
    assert response["Location"].endswith(chatbots.url)


def test_expired_articles_are_in_the_admin_but_not_public(report, client, admin_client):
    expired = KnowledgePage.objects.filter(import_source="content/guides/public-policy/_index.md").get()
    assert not expired.live
    assert client.get(f"/tools/{expired.slug}/").status_code == 404
    assert expired.title not in [hit.title for hit in search(q="crash course federal technologists").hits]
    assert admin_client.get(f"/admin/pages/{expired.pk}/edit/").status_code == 200
