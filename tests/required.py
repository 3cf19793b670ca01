"""What a machine may lack, and CI may not: a service or extra whose tests skip with one message,
unless ``REQUIRE_<NAME>=1`` (set by ``.ci/run``) turns the skip into a failure."""

import os

import pytest


def required(name):
    """Whether ``REQUIRE_<name>`` is set, e.g. ``required("REDIS")``."""
    return os.environ.get(f"REQUIRE_{name}", "").strip().lower() in {"1", "true", "yes", "on"}


def skip_or_fail(name, message):
    if required(name):
        pytest.fail(f"REQUIRE_{name}=1 but {message}", pytrace=False)
    pytest.skip(message)
