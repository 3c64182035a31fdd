"""`rollcall verify`: prove that every stored file and every custody entry is as it was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from rollcall.evidence import custody, store
from rollcall.evidence.models import CustodyEvent, Item


@dataclass
class Report:
    """What verification checked and every problem found (intact when `problems` is empty)."""

    files_checked: int = 0
    entries_checked: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"intact": self.intact, "files_checked": self.files_checked,
                "entries_checked": self.entries_checked, "problems": self.problems, "warnings": self.warnings}


def verify() -> Report:
    """Re-hash every stored file, walk the custody chain, and cross-check items against the log."""
    report = Report()
    report.files_checked, file_problems, unregistered = store.verify_files()
    report.problems += [str(p) for p in file_problems]
    report.entries_checked, chain_problems = custody.verify_chain()
    report.problems += [str(p) for p in chain_problems]
    added = set(CustodyEvent.objects.filter(action="added").values_list("item_sha256", flat=True))
    items = dict(Item.objects.values_list("sha256", "original_name"))
    for sha in sorted(added - items.keys()):
        report.problems.append(f"item {sha}: the custody log records it as added but it is not in the registry")
    for sha in sorted(items.keys() - added):
        report.problems.append(f"item {sha} ({items[sha]}): in the registry with no 'added' custody entry")
    for path in unregistered:
        report.warnings.append(f"evidence file {path}: not registered (left by an interrupted add; "
                               "adding the file again registers it)")
    return report
