"""Names written with a French-style "dj" (Djamila, Midjit, Salamdjan) keyed again: Latin folding now
reads "dj" as j anywhere in a name, not only first, so their stored keys were those of a d and a j.

Only those names are touched; every other name's keys are unchanged by the new folding.
"""

from django.db import migrations

CHUNK = 900


def rekey_dj_names(apps, schema_editor) -> int:
    """Replace the keys of every indexed name whose Latin letters hold "dj"; how many names were keyed."""
    from rollcall.names.latin import ascii_letters
    from rollcall.search.index import entry_keys

    indexed_name = apps.get_model("search", "IndexedName")
    name_key = apps.get_model("search", "NameKey")
    found = [(nid, text) for nid, text in indexed_name.objects.values_list("id", "text").iterator(chunk_size=20000)
             if "dj" in ascii_letters(text)]
    for i in range(0, len(found), CHUNK):
        chunk = found[i:i + CHUNK]
        name_key.objects.filter(name_id__in=[nid for nid, _ in chunk]).delete()
        name_key.objects.bulk_create([name_key(key=k, name_id=nid) for nid, text in chunk for k in entry_keys(text)],
                                     batch_size=CHUNK)
    return len(found)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_keys_by_distinct_name'),
    ]

    operations = [
        migrations.RunPython(rekey_dj_names, migrations.RunPython.noop),
    ]
