"""Uploads through the Wagtail admin: only real images and office documents get in, within size and
pixel limits, and documents always download with the content type of their kind."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from editorial.roles import EDITORS
from tests.editorial_users import make_user

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


def png(width=20, height=10):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, editorial):
    client.force_login(make_user("uploader", EDITORS))
    return client


def upload_image(client, name, content, content_type="image/png"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("wagtailimages:add"), {"title": name, "file": file, "collection": 1})


def upload_document(client, name, content, content_type="application/octet-stream"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("wagtaildocs:add"), {"title": name, "file": file, "collection": 1})


def test_an_editor_uploads_a_png(editor_client):
    response = upload_image(editor_client, "chart.png", png())
    assert response.status_code == 302
    assert Image.objects.get().width == 20


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("logo.svg", SVG, "image/svg+xml"),
        ("page.html", HTML, "text/html"),
        ("disguised.png", HTML, "image/png"),
        ("script.js", b"alert(1)", "text/javascript"),
    ],
)
def test_svg_html_script_and_disguised_images_are_refused(editor_client, name, content, content_type):
    response = upload_image(editor_client, name, content, content_type)
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_an_image_over_the_pixel_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 150
    response = upload_image(editor_client, "wide.png", png(20, 10))
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = upload_image(editor_client, "big.png", png(200, 200))
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [("page.html", HTML), ("page.htm", HTML), ("logo.svg", SVG), ("run.js", b"alert(1)"), ("tool.exe", b"MZ")],
)
def test_html_svg_and_script_documents_are_refused(editor_client, name, content):
    response = upload_document(editor_client, name, content)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    response = upload_document(editor_client, "notes.txt", b"more than ten bytes of notes")
    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "name, content, expected_type",
    [("report.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"), ("notes.txt", HTML, "text/plain")],
)
def test_documents_download_as_attachments_with_a_safe_type(editor_client, client, name, content, expected_type):
    assert upload_document(editor_client, name, content).status_code == 302
    document = Document.objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith(expected_type)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
