"""The embedded OpenSearch node's process handling, shown with a stand-in child (no JVM needed)."""

import os
import signal
import subprocess
import sys
import time

import pytest

CHILD_OUTLIVES_PARENT = """
import sys, time
from search.opensearch.node import spawn_tied_to_parent
child = spawn_tied_to_parent(["sleep", "300"])
print(child.pid, flush=True)
time.sleep(300)
"""


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that died but was not yet reaped by init is a zombie: it holds nothing any more.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is a Linux feature")
def test_a_node_started_by_a_process_that_is_killed_outright_stops_with_it():
    parent = subprocess.Popen([sys.executable, "-c", CHILD_OUTLIVES_PARENT], stdout=subprocess.PIPE, text=True)
    child_pid = int(parent.stdout.readline())
    try:
        assert process_exists(child_pid)
        parent.send_signal(signal.SIGKILL)  # no clean-up code runs in the parent
        parent.wait()
        deadline = time.monotonic() + 10
        while process_exists(child_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not process_exists(child_pid)
    finally:
        if process_exists(child_pid):
            os.kill(child_pid, signal.SIGKILL)
