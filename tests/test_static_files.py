"""Static files in production: hashed names, compressed copies, cached for good by browsers."""

import json

import pytest

from config.static_storage import StaticFilesStorage

from .deploy_env import run_django

SERVE_COLLECTED_FILE = """
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
answers = {}
for url in (static("css/site.css"), "/static/css/site.css"):
    response = client.get(url, secure=True, headers={"host": "cx.example.gov", "accept-encoding": "gzip"})
    headers = response.headers
    answers[url] = [response.status_code, headers.get("Cache-Control"), headers.get("Content-Encoding")]
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    result = run_django(
        "import json;" + SERVE_COLLECTED_FILE, STATIC_ROOT=str(tmp_path_factory.mktemp("static")), LOG_LEVEL="WARNING"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_templates_link_static_files_by_a_content_hashed_name(served):
    hashed = [url for url in served if url != "/static/css/site.css"]
    assert len(hashed) == 1 and hashed[0].startswith("/static/css/site.") and hashed[0] != "/static/css/site.css"


def test_hashed_files_are_cached_for_good_and_compressed(served):
    (hashed,) = (answer for url, answer in served.items() if url != "/static/css/site.css")
    assert hashed == [200, "max-age=315360000, public, immutable", "gzip"]


def test_unhashed_originals_are_cached_briefly(served):
    assert served["/static/css/site.css"][:2] == [200, "max-age=60, public"]


def test_a_static_url_is_worked_out_once_until_collectstatic_writes_a_new_manifest(tmp_path):
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    storage.hashed_files = {"css/site.css": "css/site.1111.css"}
    assert storage.url("css/site.css") == "/static/css/site.1111.css"

    storage.hashed_files = {"css/site.css": "css/site.2222.css"}
    assert storage.url("css/site.css") == "/static/css/site.1111.css"
    storage.save_manifest()
    assert storage.url("css/site.css") == "/static/css/site.2222.css"


def test_a_file_missing_from_the_manifest_is_still_an_error(tmp_path):
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    storage.hashed_files = {}
    with pytest.raises(ValueError):
        storage.url("css/missing.css")
    with pytest.raises(ValueError):
        storage.url("css/missing.css")
