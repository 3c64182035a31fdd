"""Public facets in the index: each record's birth range and county read from public fields alone, copied
into its name entries, so that a public search narrows and chooses names on the index as a researcher's
does (it read the statements of every candidate record, after choosing names without its details).

The index is emptied: the next search (or `rollcall search --reindex`) rebuilds it from the statements,
which are untouched.
"""

from django.db import migrations, models

CLEARED = ("search_namekey", "search_nameentry", "search_indexedname", "search_recordfacets", "search_indexedsource")


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0002_source_as_of'),
        ('search', '0004_rekey_dj_names'),
    ]

    operations = [
        *[migrations.RunSQL(f"DELETE FROM {table}", migrations.RunSQL.noop) for table in CLEARED],
        migrations.RemoveIndex(
            model_name='nameentry',
            name='search_entry_narrowing',
        ),
        migrations.AddField(
            model_name='nameentry',
            name='public_birth_hi',
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name='nameentry',
            name='public_birth_lo',
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name='nameentry',
            name='public_county',
            field=models.CharField(max_length=6, null=True),
        ),
        migrations.AddField(
            model_name='recordfacets',
            name='public_birth_hi',
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name='recordfacets',
            name='public_birth_lo',
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name='recordfacets',
            name='public_county',
            field=models.CharField(max_length=6, null=True),
        ),
        migrations.AddIndex(
            model_name='nameentry',
            index=models.Index(fields=['name', 'county', 'birth_lo', 'birth_hi', 'record', 'field', 'public_county', 'public_birth_lo', 'public_birth_hi'], name='search_entry_narrowing'),
        ),
    ]
