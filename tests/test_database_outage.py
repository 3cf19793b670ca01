"""The database goes away and comes back: visitors get a friendly 503 (API clients a JSON 503), and
the site recovers on its own.

The real test owns a throw-away PostgreSQL cluster (initdb into a temporary directory, its own
port), serves the site from it with gunicorn, stops the cluster under it and starts it again. It
never touches the PostgreSQL other tests use.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from tests.deploy_env import ROOT

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


# The error handler, in-process ----------------------------------------------------------------


@pytest.fixture
def database_down(db):
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("search.views.run_search", side_effect=lost), mock.patch("search.api.run_search", side_effect=lost):
        yield


def test_a_lost_database_connection_shows_a_friendly_503_page(site_tree, database_down):
    response = Client(raise_request_exception=False).get("/search/", {"q": "forms"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "<h1>The toolkit is briefly unavailable</h1>" in html
    assert "Traceback" not in html


def test_the_api_answers_a_lost_database_connection_with_json(site_tree, database_down):
    response = Client(raise_request_exception=False).get("/api/search/", {"q": "forms"})
    assert response.status_code == 503
    assert response.json() == {"error": "The database is unavailable. Try again shortly."}


def test_other_errors_are_still_500(site_tree):
    with mock.patch("search.views.run_search", side_effect=ValueError("a bug")):
        response = Client(raise_request_exception=False).get("/search/", {"q": "forms"})
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()


# A real outage on a throw-away cluster --------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command):
    """PostgreSQL refuses to run as root: run its tools as the postgres user when we are root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, text=True, timeout=120)


class ThrowAwayCluster:
    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="cxkb-outage-"))
        self.data = self.directory / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        as_postgres(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.directory / "log", "-w", "start")

    def stop(self):
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self):
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN} (set PG_BIN)")
    cluster = ThrowAwayCluster()
    cluster.start()
    try:
        as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", cluster.port, "-U", "postgres", "cx")
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # a failed test may have left it stopped
            cluster.stop()
        cluster.remove()


@pytest.fixture(scope="module")
def site(cluster):
    """gunicorn serving the site from the throw-away cluster, with persistent connections."""
    env = {key: value for key, value in os.environ.items() if key != "VCAP_SERVICES"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{cluster.port}/cx",
        DATABASE_CONN_MAX_AGE="600",
    )
    for command in (["migrate", "--no-input"], ["setup_editorial"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_listening(port, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_listening(port, server):
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.stderr.read().decode()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start listening")


def get(url):
    """(status, content type, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_site_answers_503_while_the_database_is_down_and_recovers_when_it_returns(cluster, site):
    assert get(f"{site}/")[0] == 200
    assert get(f"{site}/api/search/?q=forms")[0] == 200

    cluster.stop()
    status, content_type, body = get(f"{site}/case-studies/")
    assert status == 503
    assert content_type.startswith("text/html")
    assert "The toolkit is briefly unavailable" in body
    status, content_type, body = get(f"{site}/api/search/?q=forms")
    assert (status, json.loads(body)) == (503, {"error": "The database is unavailable. Try again shortly."})
    assert get(f"{site}/healthz")[0] == 503

    cluster.start()
    assert get(f"{site}/case-studies/")[0] == 200
    assert get(f"{site}/api/search/?q=forms")[0] == 200
    assert get(f"{site}/healthz")[0] == 200
