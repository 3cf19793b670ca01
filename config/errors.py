"""The site's answer to an uncaught error: 503 when the database cannot be reached, else 500.

A lost database connection is not a bug in the page but a moment's outage, so visitors get a
"try again shortly" page (and API clients a JSON 503 with Retry-After) instead of "something went
wrong". Nothing else is needed for recovery: Django discards a connection that failed at the end
of the request and health-checks persistent ones before reuse (CONN_HEALTH_CHECKS), so the first
request after the database is back reconnects, with no restart.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.defaults import server_error as default_server_error

RETRY_AFTER_SECONDS = "30"
JSON_PREFIXES = ("/api/", "/healthz")


def server_error(request, template_name="500.html"):
    _type, exception, _traceback = sys.exc_info()
    if not isinstance(exception, OperationalError | InterfaceError):
        return default_server_error(request, template_name)
    if request.path_info.startswith(JSON_PREFIXES):
        response = JsonResponse({"error": "The database is unavailable. Try again shortly."}, status=503)
    else:
        # Rendered without a request context: the context processors would query the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response
