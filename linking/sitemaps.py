"""sitemap.xml: every live, public, unexpired page of the site, with when it last changed."""

from wagtail.contrib.sitemaps import Sitemap

from kb.visibility import visible_pages


class LivePagesSitemap(Sitemap):
    def items(self):
        return super().items().filter(pk__in=visible_pages().values("pk"))
