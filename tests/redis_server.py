"""A real Redis for the tests of the shared cache: ``REDIS_URL`` when set, else a throw-away
``redis-server`` started on a free port (skipped when there is none, unless REQUIRE_REDIS=1)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import redis

from search.opensearch.node import spawn_tied_to_parent

from .required import skip_or_fail


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    try:
        return redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        return False


class RedisServer:
    """One ``redis-server`` with nothing on disk, stopped with the process that started it."""

    def __init__(self):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="cxkb-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout=20):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = spawn_tied_to_parent(command, cwd=self.folder, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with status {self.process.returncode}")
            if answers(self.url):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not answer in time")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def redis_url():
    """Yields the URL of a Redis for this session (see the module docstring)."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    if shutil.which("redis-server") is None:
        skip_or_fail("REDIS", "Redis tests skipped: no redis-server (apt-get install redis-server) and no REDIS_URL.")
    server = RedisServer()
    try:
        server.start()
    except RuntimeError as error:
        skip_or_fail("REDIS", f"Redis tests skipped: {error}")
    yield server.url
    server.stop()
