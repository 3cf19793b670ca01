from wagtail import hooks


@hooks.register("on_serve_page", order=100)
def mark_public_page(serve):
    """Innermost of the serving wrappers, so it runs after every check: Wagtail's view restrictions
    (an ``on_serve_page`` wrapper since Wagtail 7, after every ``before_serve_page`` hook) and kb's
    expiry (a ``before_serve_page`` hook). Reaching it means the page may be shown to whoever
    asked, so the page cache may keep it for anonymous visitors (requests with a session never
    are). Marking any earlier would vouch for a restricted page's password form or login redirect,
    which then stay out of the cache only because of the cookie or status they happen to carry."""

    def serve_public_page(page, request, serve_args, serve_kwargs):
        request.serves_public_page = True
        return serve(page, request, serve_args, serve_kwargs)

    return serve_public_page
