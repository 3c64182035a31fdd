"""Names written with a French-style "dj" (Djamila, Midjit, Salamdjan) were to be keyed again here when
Latin folding began to read "dj" as j anywhere in a name.

Now a no-op: 0005 empties the whole index, and the rebuild that follows keys every name with the folding
in place. (It used to call the live indexing code from the migration, which would break `migrate` on a
fresh folder the day that code changed.)
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_keys_by_distinct_name'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
