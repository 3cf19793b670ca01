"""Demonstration content for the toolkit, loaded by ``manage.py load_demo_content``.

It exists so that a fresh checkout shows a site worth looking at (listings, facets, sorting and the
"due for review" report all need data), and so that tests and benchmarks have a realistic corpus.
It is data, not code: the pages are Markdown files with front matter in ``pages/`` (read by the
same importer as any other Markdown content), the taxonomy, graphics and downloadable files are
described in ``taxonomy.yaml`` and ``media.yaml``, and the home page in ``site.yaml``. The graphics
are drawn by ``images`` and everything is written to the database by ``loader``.

Written for this project (nothing is copied from elsewhere). The agencies are real, but every
story, figure, quote and artifact is illustrative.
"""
