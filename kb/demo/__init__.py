"""Demonstration content for the toolkit, loaded by ``manage.py load_demo_content``.

It exists so that a fresh checkout shows a site worth looking at (listings, facets, sorting and the
"due for review" report all need data), and so that tests and benchmarks have a realistic corpus.
The data (`content`), the generated graphics (`images`) and the code that writes them to the
database (`loader`) live in separate modules so that editing the text never means touching code.
"""
