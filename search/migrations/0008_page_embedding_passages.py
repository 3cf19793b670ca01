from django.db import migrations, models


class Migration(migrations.Migration):
    """A page's vectors become a matrix: its summary's, then one per passage of its prose. A stored
    single vector is a one-row matrix, so existing rows stay valid (summary only) until the pages
    are embedded again (``rebuild_search_index``)."""

    dependencies = [
        ("kbsearch", "0007_facet_index_changes"),
    ]

    operations = [
        migrations.RenameField(model_name="pageembedding", old_name="vector", new_name="vectors"),
        migrations.AlterField(
            model_name="pageembedding",
            name="vectors",
            field=models.BinaryField(
                help_text="float32 rows of the model's dimensions: the title and summary's, then one per passage."
            ),
        ),
        migrations.AlterField(
            model_name="pageembedding",
            name="model",
            field=models.CharField(help_text="The embedding model that made the vectors.", max_length=100),
        ),
    ]
