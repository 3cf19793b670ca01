"""A real Elasticsearch/OpenSearch for the tests: where it comes from, and the faults it can suffer.

The suite runs the search contract against a live server as well as against the database. The
server is ``$OPENSEARCH_URL`` (or ``$ELASTICSEARCH_URL``) when set; otherwise the suite starts its
own OpenSearch node (``search.opensearch.node``; ``$OPENSEARCH_VERSION`` 2 or 3, default 2) once
per session. Without Java and Maven those tests skip with one message, and fail instead when
``REQUIRE_OPENSEARCH=1`` (CI).
"""

import os
import select
import shutil
import socket
import threading
import time
from dataclasses import dataclass

from config.search_backends import search_backends_from_env
from search.opensearch.node import MINIMUM_JAVA, NodeError, find_java, free_port


@dataclass(frozen=True)
class LiveSearch:
    url: str
    flavour: str  # "opensearch" or "elasticsearch"
    version: str  # major version

    def backends(self, url=None, index_prefix=None, timeout=10):
        """WAGTAILSEARCH_BACKENDS for this server (or for ``url``, e.g. a proxy in front), built by
        the settings' own function from the variables an operator would set.

        Each pytest-xdist worker gets indexes of its own, since workers may share one server
        (``OPENSEARCH_URL``)."""
        if index_prefix is None:
            index_prefix = f"cxkb_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_"
        prefix = self.flavour.upper()
        environ = {
            f"{prefix}_URL": url or self.url,
            f"{prefix}_VERSION": self.version,
            "SEARCH_INDEX_PREFIX": index_prefix,
            "SEARCH_TIMEOUT": str(timeout),
        }
        return search_backends_from_env(environ)


def node_port():
    """A free port for a node of this test process: pytest-xdist workers look in ranges of their own,
    so two nodes started at the same moment are never told the same port."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return free_port(start=9240 + 12 * (int(worker) % 5 if worker.isdigit() else 0))


def configured_server():
    """The server named by the environment, or None."""
    if os.environ.get("ELASTICSEARCH_URL"):
        version = os.environ.get("ELASTICSEARCH_VERSION", "9")
        return LiveSearch(os.environ["ELASTICSEARCH_URL"], "elasticsearch", version)
    if os.environ.get("OPENSEARCH_URL"):
        return LiveSearch(os.environ["OPENSEARCH_URL"], "opensearch", os.environ.get("OPENSEARCH_VERSION", "3"))
    return None


def node_version():
    return os.environ.get("OPENSEARCH_VERSION", "2")


def node_missing_message():
    """Why this machine cannot start an OpenSearch node, or None."""
    version = node_version()
    if version not in MINIMUM_JAVA:
        return f"OpenSearch tests skipped: OPENSEARCH_VERSION must be 2 or 3 (got {version!r})."
    if shutil.which("mvn") is None:
        return "OpenSearch tests skipped: Maven (mvn) and Java are needed to start a node, or set OPENSEARCH_URL."
    try:
        find_java(MINIMUM_JAVA[version])
    except NodeError as error:
        return f"OpenSearch tests skipped: {error}"
    return None


class FaultProxy:
    """A TCP proxy in front of the search server that can turn slow.

    It stands between the site and a real server so a test can make every answer arrive later than
    the site's SEARCH_TIMEOUT, then fast again, without touching the server the rest of the suite
    uses.
    """

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.delay = 0.0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client):
        try:
            upstream = socket.create_connection(self.target, timeout=10)
        except OSError:
            client.close()
            return
        sockets = [client, upstream]
        try:
            while not self.closed.is_set():
                readable, _, _ = select.select(sockets, [], [], 0.5)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    if source is upstream and self.delay:
                        time.sleep(self.delay)
                    (upstream if source is client else client).sendall(data)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()

    def close(self):
        self.closed.set()
        self.listener.close()
