"""Keys stored once per distinct written name instead of once per record's name.

The old tables are dropped and the index marks cleared: the next ingest or search rebuilds the index
from the statements, which are untouched.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0001_initial'),
        ('search', '0002_drop_duplicate_record_index'),
    ]

    operations = [
        migrations.DeleteModel(name='NameKey'),
        migrations.DeleteModel(name='NameEntry'),
        migrations.RunSQL("DELETE FROM search_recordfacets", migrations.RunSQL.noop),
        migrations.RunSQL("DELETE FROM search_indexedsource", migrations.RunSQL.noop),
        migrations.CreateModel(
            name='IndexedName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(unique=True)),
            ],
        ),
        migrations.CreateModel(
            name='NameEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('field', models.CharField(max_length=32)),
                ('name', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='search.indexedname')),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='records.record')),
                ('birth_lo', models.IntegerField(null=True)),
                ('birth_hi', models.IntegerField(null=True)),
                ('county', models.CharField(max_length=6, null=True)),
            ],
            options={
                'indexes': [models.Index(fields=['name', 'county', 'birth_lo', 'birth_hi', 'record', 'field'], name='search_entry_narrowing')],
            },
        ),
        migrations.CreateModel(
            name='NameKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=64)),
                ('name', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='search.indexedname')),
            ],
            options={
                'indexes': [models.Index(fields=['key', 'name'], name='search_key_name')],
            },
        ),
    ]
