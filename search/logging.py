"""Recording searches for the editors' report (see models.SearchLog)."""

import logging
from urllib.parse import urlencode

from .models import SearchLog

logger = logging.getLogger(__name__)


def log_search(query, count):
    """Record a search with words on its first page; a failure to log never fails the search."""
    if not query.q or query.page != 1:
        return
    filters = urlencode([(name, value) for name, values in query.filters.items() for value in values])
    try:
        SearchLog.objects.create(query_string=query.q.lower()[:200], filters=filters[:500], result_count=count)
    except Exception:
        logger.exception("Could not record a search")
