"""Site-shell routes that are not pages."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    """/favicon.ico: browsers and feed readers ask for it at the root whatever the page head says;
    the file itself is a static file, so it is cached and fingerprinted like the others."""
    return redirect(static("favicon.ico"), permanent=True)
