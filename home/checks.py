"""System check: the site's stylesheet has been built.

base.html links css/cxkb.css, which `npm run build:css` makes (frontend/build-css.mjs) and git does
not hold. Without it every page would be served unstyled and nothing would say why, so this check
stops `runserver`, `collectstatic`, `migrate` and `manage.py check` with what to run instead.
"""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import checks

STYLESHEET = "css/cxkb.css"


@checks.register(checks.Tags.staticfiles)
def stylesheet_is_built(app_configs, **kwargs):
    # Found where collectstatic and the development server look, or already collected (a deploy
    # that migrates from the collected files alone).
    if finders.find(STYLESHEET) or staticfiles_storage.exists(STYLESHEET):
        return []
    return [
        checks.Error(
            f"The site's stylesheet {STYLESHEET} has not been built: pages would be served unstyled.",
            hint="Run `npm run build:css` (after `npm ci`); `make run` and `make test` do.",
            id="home.E001",
        )
    ]
