"""sitemap.xml: every live, public, unexpired page of the site, with when it last changed."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import not_expired


class LivePagesSitemap(Sitemap):
    def items(self):
        return super().items().filter(not_expired())
