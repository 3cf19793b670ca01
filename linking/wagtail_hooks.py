from django.http import Http404
from wagtail import hooks

from kb.visibility import is_expired


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry time stays "live" until `publish_scheduled` runs; it is gone for
    visitors from the moment it expires, as it is from permalinks, feeds and the API."""
    if is_expired(page):
        raise Http404("This page has expired")
