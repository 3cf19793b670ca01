"""Gzip for the pages themselves, outside the page cache so that cached pages go out compressed too.

A page's HTML is 18-40 kB and shrinks to a quarter; on a slow phone connection that is the first
thing a visitor waits for (Lighthouse: "Enable text compression"). Django's GZipMiddleware adds
random bytes to each compressed answer against BREACH, so pages that print a CSRF token are safe.

Streamed answers are left alone: those are files (WhiteNoise's static files, which come with their
own pre-compressed copies, and uploads served from MEDIA_ROOT), mostly images and fonts that gzip
cannot shrink, and compressing them on the fly would spend the CPU that WhiteNoise saves.
"""

from django.middleware.gzip import GZipMiddleware


class PageGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.streaming:
            return response
        return super().process_response(request, response)
