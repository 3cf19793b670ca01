"""The admin's Import Markdown page, driven through the test client as an editor would use it."""

import io
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState

from kb.models import KnowledgePage
from tests.editorial_users import make_user

URL = "/admin/import-markdown/"
ARTICLE = "---\ntitle: Queue tips\nsummary: Short tips for lobbies.\n---\n\nKeep the line **moving**.\n"


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    buffer.seek(0)
    buffer.name = "articles.zip"
    return buffer


@pytest.fixture(autouse=True)
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield


@pytest.fixture
def editor_client(editorial, client):
    client.force_login(make_user("edith", "Editors"))
    return client


def upload(client, files):
    return client.post(URL, {"archive": zip_of(files)})


def test_editors_find_the_import_page_in_the_menu(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert URL in response.content.decode()
    assert editor_client.get(URL).status_code == 200


def test_people_who_cannot_create_pages_may_not_import(editorial, client):
    client.force_login(make_user("tam", "Taxonomy managers"))
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    # Wagtail answers a refused admin view by sending the user back to the dashboard with a message.
    assert client.get(URL)["Location"] == reverse("wagtailadmin_home")
    assert client.post(URL, {"archive": zip_of({"a.md": ARTICLE})})["Location"] == reverse("wagtailadmin_home")
    assert not KnowledgePage.objects.exists()


def test_upload_shows_the_dry_run_report_and_writes_nothing(editor_client):
    response = upload(editor_client, {"news/tips.md": ARTICLE, "news/broken.md": "---\ntitle: [x\n---\n"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "What the import would do" in html
    assert "1 created" in html and "1 skipped" in html
    assert "news/tips.md" in html and "broken front matter" in html
    assert not KnowledgePage.objects.exists()


def test_confirming_imports_drafts_into_the_review_workflow(editor_client):
    upload(editor_client, {"news/tips.md": ARTICLE})
    response = editor_client.post(URL, {"confirm": "1"})
    assert response.status_code == 200
    assert "Import done" in response.content.decode()
    page = KnowledgePage.objects.get(import_source="news/tips.md")
    assert not page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in response.content.decode()


def test_a_confirmation_cannot_be_replayed(editor_client):
    upload(editor_client, {"tips.md": ARTICLE})
    editor_client.post(URL, {"confirm": "1"})
    response = editor_client.post(URL, {"confirm": "1"})
    assert response.status_code == 400
    assert "upload the zip again" in response.content.decode()
    assert KnowledgePage.objects.count() == 1


@pytest.mark.parametrize(
    ("upload_file", "message"),
    [
        (io.BytesIO(b"not a zip at all"), "not a zip archive"),
        (zip_of({"notes.txt": "hello"}), "no Markdown (.md) files"),
        (zip_of({"../../escape.md": ARTICLE}), "no Markdown (.md) files"),
    ],
)
def test_bad_uploads_get_a_friendly_message(editor_client, upload_file, message):
    upload_file.name = "upload.zip"
    response = editor_client.post(URL, {"archive": upload_file})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not KnowledgePage.objects.exists()


def test_only_zip_files_are_accepted(editor_client):
    text = io.BytesIO(ARTICLE.encode())
    text.name = "article.md"
    response = editor_client.post(URL, {"archive": text})
    assert response.status_code == 400
    assert "Upload a .zip file." in response.content.decode()
