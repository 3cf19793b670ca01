from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from caching import routing
from home.views import favicon

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("search.urls")),
    path("", include("linking.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [
    path("", include("submissions.urls")),
    # Wagtail's page serving comes last: it claims every path the routes above do not. Its view
    # goes through the route cache (caching/routing.py); the rest of Wagtail's URLs are its own.
    path("", include([pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

# A lost database connection answers 503 (JSON on the APIs) instead of 500: see config/errors.py.
handler500 = "config.errors.server_error"
