from wagtail import hooks


@hooks.register("before_serve_page", order=100)
def mark_public_page(page, request, serve_args, serve_kwargs):
    """Registered after every other check (Wagtail's view restrictions, kb's expiry): reaching it
    means the page may be shown to whoever asked, so the page cache may keep it for anonymous
    visitors (requests with a session never are)."""
    request.serves_public_page = True
