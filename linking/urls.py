from django.urls import include, path, re_path
from wagtail.contrib.sitemaps.views import sitemap

from . import feeds, views
from .api import api_router
from .sitemaps import LivePagesSitemap

app_name = "linking"

# Ids are short digit strings (the views also check the range of the database column); anything
# else, such as /p/abc/, falls through to the site's friendly 404 page.
PAGE_ID = r"(?P<page_id>[0-9]{1,12})"

urlpatterns = [
    re_path(rf"^p/{PAGE_ID}/$", views.permalink, name="permalink"),
    re_path(rf"^embed/{PAGE_ID}/$", views.embed_card, name="embed"),
    path("oembed/", views.oembed, name="oembed"),
    path("feeds/", feeds.atom_feed, name="feed_atom"),
    path("feeds/rss/", feeds.rss_feed, name="feed_rss"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LivePagesSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The router reverses its own URLs as "linking:api:...", so it is included under that namespace.
    path("api/v2/", include((api_router.get_urlpatterns(), "api"), namespace="api")),
]
