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
import os
import random
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from rollcall.errors import RollcallError
from rollcall.generate import sources
from rollcall.generate.draw import below
from rollcall.generate.notice import NOTICE, NOTICE_UG, NOTICE_ZH
from rollcall.generate.people import SOURCES, Person, make_family
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
            j = below(self.rng, self.seen)
            if j < self.size:
                self.items[j] = item


def _check_outdir(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise RollcallError(f"{outdir} exists and is not a folder")
    if outdir.is_dir() and any(outdir.iterdir()):
        raise RollcallError(f"{outdir} is not empty; give a new or empty folder (nothing was written)")


# Sources are written by two groups that can run in two processes at once (on 2+ cores). Each group
# makes every family (cheap) but writes only its own files, drawing from per-(family, source) RNGs, so the
# bytes are the same whether the groups run one after the other or side by side.
GROUPS = {"registers": ("register", "status"),
          "testimonies": ("testimony_json", "testimony_csv", "uyghur_list")}
PARALLEL_FROM = 20_000  # below this many people, a second process costs more than it saves


@dataclass
class _GroupResult:
    per_file: dict[str, int]
    files: list[str]
    samples: tuple[list[Person], list[Person], list[Person]] | None = None


def _write_group(outdir: Path, persons: int, seed: int, group: str, xlsx_max_rows: int,
                 progress: Progress | None = None) -> _GroupResult:
    """Make every family and write this group's source files and its part of truth.csv."""
    wanted = GROUPS[group]
    tables: dict[str, CsvTable | XlsxTables | JsonArray] = {}
    if group == "registers":
        tables["register"] = CsvTable(outdir / REGISTER_FILE, sources.REGISTER_HEADER, title=NOTICE_ZH,
                                      encoding="gbk")
        tables["status"] = XlsxTables(outdir, STATUS_STEM, sources.STATUS_HEADER, title=NOTICE_ZH, sheet="名单",
                                      max_rows=xlsx_max_rows)
    else:
        tables["testimony_json"] = JsonArray(outdir / TESTIMONY_JSON_FILE)
        tables["testimony_csv"] = CsvTable(outdir / TESTIMONY_CSV_FILE, sources.TESTIMONY_CSV_HEADER, title=NOTICE)
        tables["uyghur_list"] = CsvTable(outdir / UYGHUR_FILE, sources.UYGHUR_HEADER, title=NOTICE_UG)
    truth_file = (outdir / f"{TRUTH_FILE}.{group}.part").open("w", encoding="utf-8", newline="")
    truth = csv.writer(truth_file, lineterminator="\n")
    counts = dict.fromkeys(wanted, 0)
    per_file: dict[str, int] = {}
    sampling = group == "testimonies"
    pick = random.Random(f"rollcall-generate-documents:{seed}")
    transferred, released, everyone = (_Reservoir(PDF_SAMPLE, pick) for _ in range(3))
    # The one structure that grows with --persons: issued ID numbers as ints (~70 bytes each, ~70 MB
    # at a million), the price of unique numbers.
    issued: set[int] = set()
    try:
        made, family_no = 0, 0
        while made < persons:
            family, family_rng = make_family(seed, family_no, made + 1, persons - made, issued)
            family_no += 1
            source_seeds = {src: family_rng.getrandbits(64) for src in SOURCES}  # same in both groups
            rngs: dict[str, random.Random] = {}
            for person in family.members:
                for src in person.sources:
                    if src not in counts:
                        continue
                    rng = rngs.get(src) or rngs.setdefault(src, random.Random(source_seeds[src]))
                    counts[src] += 1
                    n = counts[src]
                    if src == "register":
                        located = tables[src].write(sources.register_row(person, family, rng, n))
                    elif src == "status":
                        located = tables[src].write(sources.status_row(person, family, rng, n))
                    elif src == "testimony_json":
                        located = tables[src].write({"notice": NOTICE, **sources.testimony(person, rng, n, "TJ")})
                    elif src == "testimony_csv":
                        located = tables[src].write(sources.testimony_csv_row(person, rng, n))
                    else:
                        located = tables[src].write(sources.uyghur_row(person, rng, n))
                    truth.writerow([located[0], located[1], person.pid])
                    per_file[located[0]] = per_file.get(located[0], 0) + 1
                if sampling:
                    everyone.offer(person)
                    if any(ep.outcome == "transferred" and ep.kind == "camp" for ep in person.episodes):
                        transferred.offer(person)
                    if person.episodes[-1].outcome == "released":
                        released.offer(person)
            made += len(family.members)
            if progress:
                progress(made)
    finally:
        for table in tables.values():
            table.close()
        truth_file.close()
    files = [name for src in wanted for name in _file_names(tables[src])]
    samples = (transferred.items, released.items, everyone.items) if sampling else None
    return _GroupResult(per_file, files, samples)


def _file_names(table: CsvTable | XlsxTables | JsonArray) -> list[str]:
    return [p.name for p in table.paths] if isinstance(table, XlsxTables) else [table.name]


def generate_corpus(outdir: str | Path, persons: int, seed: int, *, xlsx_max_rows: int = EXCEL_MAX_ROWS - 2,
                    pdfs: bool = True, progress: Progress | None = None,
                    parallel: bool | None = None) -> CorpusSummary:
    """Write a fictional corpus of `persons` people into the new or empty folder `outdir`.

    The same (persons, seed) gives the same bytes in every file. `parallel` (default: on 2+ cores for
    large corpora) writes the testimony files in a second process at the same time; output is identical.
    """
    if not 1 <= persons <= MAX_PERSONS:
        raise RollcallError(f"--persons must be between 1 and {MAX_PERSONS:,}, not {persons}")
    outdir = Path(outdir)
    _check_outdir(outdir)
    if pdfs:
        from rollcall.generate.pdfs import require_font

        require_font()  # fail before writing anything
    if parallel is None:
        parallel = persons >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2
    outdir.mkdir(parents=True, exist_ok=True)
    summary = CorpusSummary(outdir, persons, seed)
    if parallel:
        # spawn, not fork: the caller may hold threads (a progress bar) or database connections.
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            second = pool.submit(_write_group, outdir, persons, seed, "testimonies", xlsx_max_rows)
            first = _write_group(outdir, persons, seed, "registers", xlsx_max_rows, progress)
            results = [first, second.result()]
    else:
        results = [_write_group(outdir, persons, seed, group, xlsx_max_rows, progress if group == "registers"
                                else None) for group in GROUPS]
    with (outdir / TRUTH_FILE).open("wb") as truth:
        truth.write(b"file,row,person\n")
        for group in GROUPS:
            part = outdir / f"{TRUTH_FILE}.{group}.part"
            with part.open("rb") as f:
                shutil.copyfileobj(f, truth, 1 << 20)
            part.unlink()
    summary.records = {name: r.per_file.get(name, 0) for r in results for name in r.files}
    samples = results[1].samples
    if pdfs and samples is not None:
        from rollcall.generate.pdfs import write_documents

        summary.documents = write_documents(outdir, seed, *samples)
    _write_readme(summary)
    return summary


def compiled_on(name: str) -> date | None:
    """The day a generated list was compiled, its ages and statuses as of then (the README says it;
    `rollcall ingest --as-of`), for the files that carry no date of their own on each row."""
    from rollcall.generate.sources import STATUS_DATE, UYGHUR_LIST_DATE

    if name == UYGHUR_FILE:
        return UYGHUR_LIST_DATE
    if name.startswith(STATUS_STEM):
        return STATUS_DATE
    return None


def as_of_options(name: str) -> list[str]:
    """The `rollcall ingest` options a researcher would give for this generated file: `--as-of` its
    compiled day, where it has one."""
    day = compiled_on(name)
    return ["--as-of", day.isoformat()] if day else []


def _write_readme(summary: CorpusSummary) -> None:
    lines = [NOTICE, "", f"Generated by `rollcall generate` with --persons {summary.persons} --seed {summary.seed}.",
             "Every name is a random combination of name parts; ID numbers are generated with valid check",
             "characters (a few carry deliberate clerical errors). Nobody here is a real person.", "",
             "Files:"]
    lines += [f"  {name}: {count} records" + (f", compiled {day} (ages and statuses as of that day: rollcall "
                                              f"ingest --as-of {day})" if (day := compiled_on(name)) else "")
              for name, count in summary.records.items()]
    lines += [f"  {name}: document (text and scanned-image pages)" for name in summary.documents]
    lines += [f"  {TRUTH_FILE}: file,row,person for every record above (row = the record locator's row)", ""]
    (summary.outdir / README_FILE).write_text("\n".join(lines), encoding="utf-8")
