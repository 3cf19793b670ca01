"""The static files storage of production: WhiteNoise's compressed, hashed files, with each file's
URL worked out once per process.

Every page links the same sixteen or so files through ``{% static %}``, and the manifest storage
works each URL out again on every call (unquote, split, manifest look-up, join): about a
millisecond of every page. The answer changes only when collectstatic writes a new manifest; a name
missing from the manifest raises, as before, so at most one URL is kept per collected file.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self.known_urls[name]
        except KeyError:
            url = self.known_urls[name] = super().url(name)
            return url

    def save_manifest(self):
        """collectstatic wrote new hashed names: URLs worked out before it are out of date."""
        super().save_manifest()
        self.known_urls.clear()
