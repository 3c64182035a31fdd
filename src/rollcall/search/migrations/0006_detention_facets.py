"""Detention facets in the index: per record, the months within which its detention began, the years of a
sentence and how it ended or stands, and their public counterparts (from the stated detention date,
sentence and status alone), so that `--detained`, `--sentence` and `--status` rank the persons whose
records agree first.

The index is emptied: the next search (or `rollcall search --reindex`) rebuilds it from the statements,
which are untouched.
"""

from django.db import migrations, models

CLEARED = ("search_namekey", "search_nameentry", "search_indexedname", "search_recordfacets", "search_indexedsource")
ADDED = ("detained_lo", "detained_hi", "sentence", "public_detained_lo", "public_detained_hi", "public_sentence")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_public_facets'),
    ]

    operations = [
        *[migrations.RunSQL(f"DELETE FROM {table}", migrations.RunSQL.noop) for table in CLEARED],
        *[migrations.AddField(model_name='recordfacets', name=name, field=models.IntegerField(null=True))
          for name in ADDED],
        *[migrations.AddField(model_name='recordfacets', name=name, field=models.CharField(max_length=8, null=True))
          for name in ('outcome', 'public_outcome')],
    ]
