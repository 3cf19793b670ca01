"""Content-Security-Policy per part of the site.

Public pages get the strict policy in CONTENT_SECURITY_POLICY (no inline or third-party scripts).
Wagtail's admin needs inline styles and scripts, data: images and framing its own previews, so
paths under /admin/ get ADMIN_CONTENT_SECURITY_POLICY instead. A view that sets its own header (the
/embed/ card) keeps it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SitePolicyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX) and parts.config is None:
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        return parts
