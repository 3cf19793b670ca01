"""Gzip for the pages themselves, just inside the page cache, which keeps a compressed copy of a page
for the browsers that accept gzip beside the plain one for those that don't: a cached page is
compressed once, not on every hit (that would cost a hit about as much CPU as the rest of it).

A page's HTML is 18-40 kB and shrinks to a quarter; on a slow phone connection that is the first
thing a visitor waits for (Lighthouse: "Enable text compression"). Django's GZipMiddleware adds
random bytes to each compressed answer against BREACH, so pages that print a CSRF token are safe;
the page cache never keeps such a page, so its copies repeating their random bytes gives nothing away.

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
