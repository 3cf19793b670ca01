"""On PostgreSQL, a search of several words is answered from an index, not by reading every entry.

Which plan PostgreSQL picks is what makes a search take milliseconds or a second at 100,000
pages (bench/search.py); the index itself comes from migration kbsearch 0009.
"""

import pytest
from django.db import connection

from kb.models import ToolPage
from search.engines.base import plain_concepts
from search.engines.database import DatabaseEngine, index_entry_table

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")


def test_several_words_are_matched_in_one_lookup_of_the_title_and_body_index(make_page):
    make_page(ToolPage, title="Journey map kit", summary="Maps for customer journeys.")
    condition, params = DatabaseEngine().words_condition(plain_concepts("journey map customer"))

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as the engine asks
        cursor.execute(f"EXPLAIN SELECT e.object_id FROM {index_entry_table()} e WHERE {condition}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "kbsearch_entry_title_body_gin" in plan
    assert "Filter" not in plan  # no entry checked one by one
