"""The visitor's address, for every per-client limit (the /submit/ rate limit, admin login lock-out).

Behind proxies, REMOTE_ADDR is the last proxy, and X-Forwarded-For lists every address the request
passed through, each proxy appending the one it received from. Only the entries the deployment's
own proxies appended can be trusted: anything to their left is whatever the client chose to send.
So the setting is a count, TRUSTED_PROXY_COUNT (cloud.gov runs one router: 1), and the client is
the address that many hops from the right. The default, 0, trusts no header at all.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted_proxies = settings.TRUSTED_PROXY_COUNT
    if trusted_proxies <= 0:
        return remote_addr
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not forwarded:
        return remote_addr
    # Fewer hops than proxies: the request skipped some of them; the leftmost is still one a proxy wrote.
    hop = forwarded[-trusted_proxies] if len(forwarded) >= trusted_proxies else forwarded[0]
    return _valid(hop) or remote_addr
