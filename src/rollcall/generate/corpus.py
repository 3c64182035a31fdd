"""Stream a whole corpus into a folder: every source file, the PDFs, truth.csv and a README.

Memory stays small at any size: people are made family by family (`people.make_family`), each record
is written as soon as it is made, and the PDFs draw their people from fixed-size reservoir samples. The
only thing kept per person is its ID number (an int in a set, to keep numbers unique).

truth.csv: `file,row,person` for every record of every table and testimony file, where `row` is the row
of that record's locator in `rollcall records --json` (see `writers`). Person ids read
`fictional-0000001`, so even the truth file says what it is. XLSX workbooks have one sheet each (split
into `status-list-2019-2.xlsx`... past Excel's row limit), so `file,row` is unique without a sheet.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rollcall.errors import RollcallError
from rollcall.generate import sources
from rollcall.generate.notice import NOTICE, NOTICE_UG, NOTICE_ZH
from rollcall.generate.people import Person, make_family
from rollcall.generate.writers import EXCEL_MAX_ROWS, CsvTable, JsonArray, XlsxTables

REGISTER_FILE = "register-2019-gbk.csv"
STATUS_STEM = "status-list-2019"
TESTIMONY_JSON_FILE = "testimonies.json"
TESTIMONY_CSV_FILE = "testimonies.csv"
UYGHUR_FILE = "uyghur-list.csv"
TRUTH_FILE = "truth.csv"
README_FILE = "README.txt"
MAX_PERSONS = 1_000_000
PDF_SAMPLE = 60  # people each PDF document may mention, drawn by reservoir sampling

Progress = Callable[[int], None]


@dataclass
class CorpusSummary:
    """What a generate run wrote."""

    outdir: Path
    persons: int
    seed: int
    records: dict[str, int] = field(default_factory=dict)  # file name -> records
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"outdir": str(self.outdir), "persons": self.persons, "seed": self.seed,
                "records": self.records, "total_records": sum(self.records.values()),
                "documents": self.documents, "truth": TRUTH_FILE, "notice": NOTICE}

    @property
    def table_files(self) -> list[str]:
        """Every table and testimony file, in writing order (what `rollcall ingest` takes)."""
        return list(self.records)


class _Reservoir:
    """A fixed-size uniform sample of a stream (Algorithm R), with its own seeded RNG."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size, self.rng, self.items, self.seen = size, rng, [], 0

    def offer(self, item) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
        else:
            j = self.rng.randrange(self.seen)
            if j < self.size:
                self.items[j] = item


def _check_outdir(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise RollcallError(f"{outdir} exists and is not a folder")
    if outdir.is_dir() and any(outdir.iterdir()):
        raise RollcallError(f"{outdir} is not empty; give a new or empty folder (nothing was written)")


def generate_corpus(outdir: str | Path, persons: int, seed: int, *, xlsx_max_rows: int = EXCEL_MAX_ROWS - 2,
                    pdfs: bool = True, progress: Progress | None = None) -> CorpusSummary:
    """Write a fictional corpus of `persons` people into the new or empty folder `outdir`.

    The same (persons, seed) gives the same bytes in every file.
    """
    if not 1 <= persons <= MAX_PERSONS:
        raise RollcallError(f"--persons must be between 1 and {MAX_PERSONS:,}, not {persons}")
    outdir = Path(outdir)
    _check_outdir(outdir)
    if pdfs:
        from rollcall.generate.pdfs import require_font

        require_font()  # fail before writing anything
    outdir.mkdir(parents=True, exist_ok=True)
    summary = CorpusSummary(outdir, persons, seed)

    register = CsvTable(outdir / REGISTER_FILE, sources.REGISTER_HEADER, title=NOTICE_ZH, encoding="gbk")
    status = XlsxTables(outdir, STATUS_STEM, sources.STATUS_HEADER, title=NOTICE_ZH, sheet="名单",
                        max_rows=xlsx_max_rows)
    t_json = JsonArray(outdir / TESTIMONY_JSON_FILE)
    t_csv = CsvTable(outdir / TESTIMONY_CSV_FILE, sources.TESTIMONY_CSV_HEADER, title=NOTICE)
    uyghur = CsvTable(outdir / UYGHUR_FILE, sources.UYGHUR_HEADER, title=NOTICE_UG)
    truth_file = (outdir / TRUTH_FILE).open("w", encoding="utf-8", newline="")
    truth = csv.writer(truth_file, lineterminator="\n")
    truth.writerow(["file", "row", "person"])
    counts = {"register": 0, "status": 0, "testimony_json": 0, "testimony_csv": 0, "uyghur_list": 0}
    per_file: dict[str, int] = {}
    pick = random.Random(f"rollcall-generate-documents:{seed}")
    transferred, released, everyone = (_Reservoir(PDF_SAMPLE, pick) for _ in range(3))

    def record(located: tuple[str, int], person: Person) -> None:
        truth.writerow([located[0], located[1], person.pid])
        per_file[located[0]] = per_file.get(located[0], 0) + 1

    # The one structure that grows with --persons: issued ID numbers as ints (~70 bytes each, ~70 MB
    # at a million), the price of unique numbers.
    issued: set[int] = set()
    try:
        made, family_no = 0, 0
        while made < persons:
            family, rng = make_family(seed, family_no, made + 1, persons - made, issued)
            family_no += 1
            for person in family.members:
                for src in person.sources:
                    counts[src] += 1
                    n = counts[src]
                    if src == "register":
                        record(register.write(sources.register_row(person, family, rng, n)), person)
                    elif src == "status":
                        record(status.write(sources.status_row(person, family, rng, n)), person)
                    elif src == "testimony_json":
                        obj = {"notice": NOTICE, **sources.testimony(person, rng, n, "TJ")}
                        record(t_json.write(obj), person)
                    elif src == "testimony_csv":
                        record(t_csv.write(sources.testimony_csv_row(person, rng, n)), person)
                    else:
                        record(uyghur.write(sources.uyghur_row(person, rng, n)), person)
                everyone.offer(person)
                if any(ep.outcome == "transferred" and ep.kind == "camp" for ep in person.episodes):
                    transferred.offer(person)
                if person.episodes[-1].outcome == "released":
                    released.offer(person)
            made += len(family.members)
            if progress:
                progress(made)
    finally:
        for table in (register, status, t_json, t_csv, uyghur):
            table.close()
        truth_file.close()
    names = [REGISTER_FILE, *(p.name for p in status.paths), TESTIMONY_JSON_FILE, TESTIMONY_CSV_FILE,
             UYGHUR_FILE]
    summary.records = {name: per_file.get(name, 0) for name in names}
    if pdfs:
        from rollcall.generate.pdfs import write_documents

        summary.documents = write_documents(outdir, seed, transferred.items, released.items, everyone.items)
    _write_readme(summary)
    return summary


def _write_readme(summary: CorpusSummary) -> None:
    lines = [NOTICE, "", f"Generated by `rollcall generate` with --persons {summary.persons} --seed {summary.seed}.",
             "Every name is a random combination of name parts; ID numbers are generated with valid check",
             "characters (a few carry deliberate clerical errors). Nobody here is a real person.", "",
             "Files:"]
    lines += [f"  {name}: {count} records" for name, count in summary.records.items()]
    lines += [f"  {name}: document (text and scanned-image pages)" for name in summary.documents]
    lines += [f"  {TRUTH_FILE}: file,row,person for every record above (row = the record locator's row)", ""]
    (summary.outdir / README_FILE).write_text("\n".join(lines), encoding="utf-8")
