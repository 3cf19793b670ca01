"""`manage.py import_markdown` on a small Hugo site written for these tests (tests/data/importer/site).

The command runs against the real database with the real review workflow; pages are then checked
the way people meet them: through the public site, the admin's workflow state and the redirects.
"""

import datetime
import io
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test.html import parse_html
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision, WorkflowState

from importer.service import MarkdownImporter, markdown_files
from kb.models import Agency, AgencyExamplePage, CaseStudyPage, KnowledgePage, ToolPage, Topic

SITE = Path(__file__).parent / "data" / "importer" / "site"
ARTICLE = "content/news/2024/01/2024-01-09-shorter-waits.md"


def run(*args):
    out = io.StringIO()
    call_command("import_markdown", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def imported(key=ARTICLE):
    return KnowledgePage.objects.get(import_source=key).specific


@pytest.fixture
def site_copy(tmp_path):
    """A copy of the sample site that a test may edit."""
    return Path(shutil.copytree(SITE, tmp_path / "site"))


def test_imports_every_article_and_reports_what_it_did(editorial):
    output = run(SITE, "--publish")
    assert "4 created, 0 updated, 0 unchanged, 1 redirected, 2 skipped." in output
    assert "skipped (1): topic definition" in output
    assert "skipped (1): source definition" in output
    assert "note (1): image dropped" in output
    assert "note (1): tweet shortcode removed" in output


def test_front_matter_becomes_the_pages_fields(editorial):
    run(SITE, "--publish")
    page = imported()
    assert isinstance(page, AgencyExamplePage)
    assert page.title == "Shorter waits at the licence office: what the queue data showed"
    assert page.slug == "shorter-waits-at-the-licence-office"
    assert page.publication_date == datetime.date(2024, 1, 9)
    # The summary is the placeholder "summ", so the deck stands in, its entity decoded.
    assert page.summary == "The county’s licence office cut lobby waits by booking appointments."
    assert sorted(page.topics.values_list("slug", flat=True)) == ["customer-experience", "wait-times"]


def test_topics_are_created_with_the_name_and_description_of_their_definition_file(editorial):
    run(SITE, "--publish")
    topic = Topic.objects.get(slug="wait-times")
    assert topic.name == "Wait times"
    assert topic.description == "How long people wait for a service, and how to shorten it."
    assert Topic.objects.get(slug="customer-experience").name == "Customer experience"  # no file: from the slug


def test_body_becomes_streamfield_blocks(editorial):
    run(SITE, "--publish")
    assert [block.block_type for block in imported().body] == [
        "paragraph",
        "heading",
        "paragraph",
        "quote",
        "heading",
        "table",
        "video",
        "alert",
        "paragraph",
    ]


def test_published_page_shows_decoded_sanitised_text_and_no_shortcodes(editorial, client):
    run(SITE, "--publish")
    response = client.get(imported().url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "{{" not in html and "&amp;#8217;" not in html and "&#8217;" not in html
    assert 'onclick="steal()"' not in html and 'alert("no")' not in html
    assert parse_html("<b>ticket data</b>") in parse_html(html)
    assert parse_html('<a href="https://example.gov/queue-report">queue report</a>') in parse_html(html)


def test_files_in_the_resources_folder_become_tools_without_a_date(editorial):
    output = run(SITE, "--publish")
    tool = imported("content/resources/queue-checklist.md")
    assert isinstance(tool, ToolPage)
    assert tool.tool_type == "guide"
    assert tool.publication_date == datetime.date.today()
    assert "note (1): no date" in output


def test_link_out_stub_links_to_its_source_and_names_its_agency(editorial):
    run(SITE, "--publish")
    page = imported("content/news/2024/01/2024-01-20-link-out.md")
    assert page.original_url == "https://county.example.gov/standards"
    assert page.summary == page.title  # empty summary, empty body: the title is all there is
    [paragraph] = page.body
    assert 'href="https://county.example.gov/standards"' in str(paragraph.value)
    agency = Agency.objects.get(slug="sample-county")
    assert agency.name == "Sample County Licence Office"
    assert agency.website == "https://county.example.gov"
    assert list(page.agencies.all()) == [agency]


def test_aliases_and_the_old_url_redirect_to_the_page(editorial, client):
    run(SITE, "--publish")
    page = imported()
    for old_url in ("/news/old-queue-story/", "/2024/01/queue/", "/2024/01/09/shorter-waits-at-the-licence-office/"):
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        assert response["Location"].endswith(page.url)


def test_a_file_whose_only_content_is_redirectto_becomes_a_redirect(editorial, client):
    run(SITE, "--publish")
    assert not KnowledgePage.objects.filter(title="An article that moved").exists()
    response = client.get("/2024/01/21/moved-article/")
    assert response.status_code == 301
    assert response["Location"] == "https://new.example.gov/moved-article/"


def test_an_expired_article_is_imported_but_not_public(editorial, client):
    run(SITE, "--publish")
    page = imported("content/events/2019-05-01-old-webinar.md")
    assert page.expire_at.date() == datetime.date(2019, 5, 2)
    assert not page.live
    assert client.get("/agency-examples/").content.decode().count(page.title) == 0
    assert client.get(f"/agency-examples/{page.slug}/").status_code == 404


def test_without_publish_pages_are_drafts_in_the_review_workflow(editorial, client):
    run(SITE)
    page = imported()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Toolkit review"
    assert client.get("/agency-examples/shorter-waits-at-the-licence-office/").status_code == 404


def test_a_second_identical_run_changes_nothing(editorial):
    run(SITE, "--publish")
    revisions, redirects = Revision.objects.count(), Redirect.objects.count()
    output = run(SITE, "--publish")
    assert "0 created, 0 updated, 5 unchanged, 0 redirected, 2 skipped." in output
    assert (Revision.objects.count(), Redirect.objects.count()) == (revisions, redirects)


def test_re_importing_a_changed_file_updates_the_same_page(editorial, site_copy):
    run(site_copy, "--publish")
    page = imported()
    article = site_copy / ARTICLE
    article.write_text(article.read_text().replace("Residents waited", "People waited"))
    output = run(site_copy, "--publish")
    assert "0 created, 1 updated, 4 unchanged" in output
    assert KnowledgePage.objects.filter(title=page.title).count() == 1
    assert "People waited" in str(imported().body[0].value)


def test_re_importing_a_live_page_without_publish_leaves_the_live_version_until_review(editorial, site_copy):
    run(site_copy, "--publish")
    article = site_copy / ARTICLE
    article.write_text(article.read_text().replace("Residents waited", "People waited"))
    run(site_copy)
    page = imported()
    assert page.live and page.has_unpublished_changes
    assert "Residents waited" in str(page.body[0].value)
    assert "People waited" in str(page.get_latest_revision_as_object().body[0].value)
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()


def test_dry_run_reports_and_writes_nothing(editorial):
    pages, redirects, topics = KnowledgePage.objects.count(), Redirect.objects.count(), Topic.objects.count()
    output = run(SITE, "--dry-run")
    assert output.startswith("Dry run, nothing written: would have 4 created, 0 updated, 0 unchanged, 1 redirected")
    assert KnowledgePage.objects.count() == pages
    assert (Redirect.objects.count(), Topic.objects.count()) == (redirects, topics)


def test_bad_files_are_skipped_with_their_reason_and_the_rest_go_on(editorial, tmp_path):
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\n")
    (tmp_path / "untitled.md").write_text("---\nsummary: No title here.\n---\nText.\n")
    (tmp_path / "latin1.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    (tmp_path / "good.md").write_text("---\ntitle: A good one\nsummary: Fine.\n---\nText.\n")
    output = run(tmp_path, "--publish")
    assert "1 created, 0 updated, 0 unchanged, 0 redirected, 3 skipped." in output
    assert "skipped (1): no title" in output
    assert "skipped (1): not UTF-8 text (byte 14)" in output
    assert "skipped (1): broken front matter at line 2" in output
    assert KnowledgePage.objects.get(import_source="good.md").live


def test_a_case_study_needs_its_three_sections(editorial, tmp_path):
    (tmp_path / "story.md").write_text(
        "---\ntitle: A story\nsummary: Short.\ntype: case-study\nchallenge: Waits.\napproach: Appointments.\n---\n"
    )
    output = run(tmp_path, "--publish")
    assert "skipped (1): a case study needs results" in output
    (tmp_path / "story.md").write_text(
        "---\ntitle: A story\nsummary: Short.\ntype: case-study\nchallenge: Long **waits**.\n"
        "approach: Appointments.\nresults: Shorter waits.\n"
        "metrics:\n  - {label: Lobby wait, value: '18', unit: min}\n---\n"
    )
    run(tmp_path, "--publish")
    page = CaseStudyPage.objects.get(import_source="story.md")
    assert parse_html(page.challenge) == parse_html("<p>Long <b>waits</b>.</p>")
    assert [(metric.label, metric.value, metric.unit) for metric in page.metrics.all()] == [("Lobby wait", "18", "min")]


def test_unknown_paths_and_rules_files_are_refused(editorial, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing")
    (tmp_path / "rules.yaml").write_text("default_type: blog\n")
    with pytest.raises(CommandError, match="default_type"):
        run(SITE, "--rules", tmp_path / "rules.yaml")


def test_adopt_takes_over_an_unclaimed_page_with_the_files_slug(editorial, make_page, tmp_path):
    """How demo pages loaded before the demo was Markdown are taken over instead of duplicated."""
    older = make_page(AgencyExamplePage, title="Queue tips", slug="queue-tips")
    (tmp_path / "tips.md").write_text("---\ntitle: Queue tips, revised\nslug: queue-tips\nsummary: New.\n---\nText.\n")
    report = MarkdownImporter(publish=True, adopt=True).run(markdown_files([tmp_path]))
    assert report.counts()["updated"] == 1
    assert list(AgencyExamplePage.objects.values_list("pk", "title", "import_source")) == [
        (older.pk, "Queue tips, revised", "tips.md")
    ]


def test_an_import_with_publish_is_logged_and_reported_once_beside_direct_publishes(editorial, client, caplog):
    with caplog.at_level(logging.WARNING):
        run(SITE, "--publish")
    superuser = User.objects.create_superuser("root", "root@example.gov", "pw")
    direct = imported()
    direct.save_revision(user=superuser).publish(user=superuser)

    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    # The sample site has one expired article: imported, never published.
    load = 'Content load "import_markdown --publish" published 3 toolkit pages without review (user None)'
    assert warnings[0] == load
    assert warnings[1].startswith(f'Published without review: "{direct.title}"')
    assert len(warnings) == 2
    client.force_login(superuser)
    report = client.get(reverse("editorial_published_without_review"))
    rows = BeautifulSoup(report.content, "html.parser").find("table", class_="listing").tbody.find_all("tr")
    assert [" ".join(row.find("td").get_text().split()) for row in rows] == [
        direct.title,
        "Content load “import_markdown --publish”: 3 pages",
    ]
