"""Seed the CX glossary (search/data/cx_glossary.yaml); editors keep it in the admin afterwards."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.glossary import load_seed

    load_seed(apps.get_model("kbsearch", "SynonymSet"))


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0004_synonym_set")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
