"""`rollcall verify`: prove that every stored file and every custody entry is as it was written.

Beyond the files and the chain, every item's metadata in the registry (the Berkeley Protocol minimum,
`store.logged_metadata`, plus its hash and who added it) is compared with what its `added` custody entry
recorded. No command changes an item's metadata after it is added, so any difference is an alteration.

A sealed item (see `store`) is checked twice: its sealed file against the SHA-256 its `sealed` custody
entry recorded (no key needed), then decrypted and re-hashed against the item's own SHA-256.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rollcall.evidence import custody, store
from rollcall.evidence.models import CustodyEvent, Item

# Entries written before `added_at` was logged are checked against the entry's own time instead. The two
# clock readings are one INSERT apart, and that INSERT may wait for the database lock (30 s timeout).
ADDED_AT_SLACK = timedelta(seconds=60)


@dataclass
class Report:
    """What verification checked and every problem found (intact when `problems` is empty)."""

    files_checked: int = 0
    entries_checked: int = 0
    metadata_checked: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_recorded: list[dict] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"intact": self.intact, "files_checked": self.files_checked,
                "entries_checked": self.entries_checked, "metadata_checked": self.metadata_checked,
                "problems": self.problems, "warnings": self.warnings, "not_recorded": self.not_recorded}


def verify() -> Report:
    """Re-hash every stored file, walk the custody chain, and cross-check items against the log."""
    report = Report()
    report.files_checked, file_problems, unregistered = store.verify_files()
    report.problems += [str(p) for p in file_problems]
    report.entries_checked, chain_problems = custody.verify_chain()
    report.problems += [str(p) for p in chain_problems]
    check_metadata(report)
    for path in unregistered:
        if not path.suffix and store.is_sealed(path.name):
            report.warnings.append(f"evidence file {path}: a plain copy of a sealed item, left by an interrupted "
                                   f"seal; `rollcall evidence seal {path.name}` removes it")
            continue
        report.warnings.append(f"evidence file {path}: not registered (left by an interrupted add; "
                               "adding the file again registers it)")
    return report


def _label(item: Item) -> str:
    return f"item {item.sha256} ({item.original_name})"


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _changed(item: Item, name: str, stored: object, entry: CustodyEvent, logged: object) -> str:
    return (f"{_label(item)}: {name} was changed: the registry holds {_show(stored)} but its 'added' "
            f"custody entry (entry {entry.seq}) recorded {_show(logged)}")


def _same_time(logged: object, stored: str) -> bool:
    """Whether a logged time and the stored one (ISO 8601) are the same instant."""
    if logged == stored:
        return True
    try:
        return datetime.fromisoformat(str(logged)) == datetime.fromisoformat(stored)
    except ValueError:
        return False


def compare_item(item: Item, entry: CustodyEvent) -> tuple[list[str], list[str]]:
    """Compare an item's metadata with its `added` entry: (problems, fields the entry did not record)."""
    problems: list[str] = []
    missing: list[str] = []
    logged = entry.detail if isinstance(entry.detail, dict) else {}
    if item.sha256 != entry.item_sha256:
        problems.append(_changed(item, "sha256", item.sha256, entry, entry.item_sha256))
    for name, stored in store.logged_metadata(item).items():
        if name not in logged:
            if name == "added_at":
                if abs(item.added_at - entry.at) > ADDED_AT_SLACK:
                    problems.append(f"{_label(item)}: added_at was changed: the registry holds "
                                    f"{_show(stored)} but its 'added' custody entry (entry {entry.seq}, "
                                    f"which predates logging added_at) was written at "
                                    f"{_show(entry.at.isoformat())}")
            else:
                missing.append(name)
        elif not (_same_time(logged[name], stored) if name == "added_at" else logged[name] == stored):
            problems.append(_changed(item, name, stored, entry, logged[name]))
    if item.added_by != entry.actor:
        problems.append(_changed(item, "added_by", item.added_by, entry, entry.actor))
    return problems, missing


def check_metadata(report: Report) -> None:
    """Pair every item with its `added` entry and compare their metadata, adding what is found to `report`.

    An item whose hash was changed in the registry has no entry under its hash; it is paired with the one
    unclaimed entry that recorded its name and size, so the problem names the changed field.
    """
    added: dict[str, list[CustodyEvent]] = {}
    for event in CustodyEvent.objects.filter(action="added").order_by("seq").iterator():
        added.setdefault(event.item_sha256, []).append(event)
    items = list(Item.objects.order_by("id"))
    unclaimed = {sha: events[0] for sha, events in added.items()}
    for item in items:
        unclaimed.pop(item.sha256, None)
    missing_fields: set[str] = set()
    for item in items:
        events = added.get(item.sha256)
        if events is None:
            candidates = [sha for sha, e in unclaimed.items() if isinstance(e.detail, dict)
                          and e.detail.get("original_name") == item.original_name
                          and e.detail.get("size") == item.size]
            if len(candidates) != 1:
                report.problems.append(f"{_label(item)}: in the registry with no 'added' custody entry")
                continue
            events = [unclaimed.pop(candidates[0])]
        elif len(events) > 1:
            report.problems.append(f"{_label(item)}: the custody log records it as added {len(events)} times "
                                   f"(entries {', '.join(str(e.seq) for e in events)}); an item is added once")
        problems, missing = compare_item(item, events[0])
        report.metadata_checked += 1
        report.problems += problems
        if missing:
            missing_fields.update(missing)
            report.not_recorded.append({"item": item.sha256, "original_name": item.original_name,
                                        "entry": events[0].seq, "fields": missing})
    for sha in sorted(unclaimed):
        report.problems.append(f"item {sha}: the custody log records it as added but it is not in the registry")
    if report.not_recorded:
        report.warnings.append(
            f"{len(report.not_recorded)} item(s) were added before the custody log recorded "
            f"{', '.join(sorted(missing_fields))}: those fields are not recorded for them and cannot be "
            "checked (listed under not_recorded in --json)")
