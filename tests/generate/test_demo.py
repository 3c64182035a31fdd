"""`rollcall demo`: one command from nothing to an ingested fictional corpus; safe to run again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generate_helpers import truth_rows


def test_demo_generates_ingests_and_reruns_as_a_no_op(tmp_path: Path, rollcall) -> None:
    home = tmp_path / "demo"
    first = rollcall("demo", "--home", str(home), "--persons", "120", "--seed", "4", "--json")
    assert first.code == 0, first.err
    report = first.json()
    stages = {s["stage"]: s for s in report["stages"]}
    assert [s["stage"] for s in report["stages"]][:3] == ["generate", "ingest", "documents"]
    assert all(stages[name]["status"] == "done" for name in ("generate", "ingest", "documents"))
    assert stages["serve"]["status"] == "skipped"  # --json never blocks on a server
    assert stages["link"]["status"] == "done"
    assert stages["facilities"]["status"] == "done"  # the public datasets beside the checkout
    persons = rollcall("--home", str(home), "persons", "--json").jsonl()
    assert 0 < len(persons) <= len(truth_rows(home / "demo-corpus"))
    facilities = rollcall("--home", str(home), "facilities", "--json").jsonl()
    assert len(facilities) > 500
    corpus = home / "demo-corpus"
    truth = truth_rows(corpus)
    assert sum(stages["ingest"]["records"].values()) == len(truth)
    assert len(stages["documents"]["documents"]) == 3

    sources = rollcall("--home", str(home), "sources", "--json").json()
    assert sorted(s["file"] for s in sources) == sorted(stages["ingest"]["records"])

    again = rollcall("demo", "--home", str(home), "--persons", "120", "--seed", "4", "--json")
    assert again.code == 0, again.err
    assert again.json()["stages"][0]["reused"] is True
    assert len(rollcall("--home", str(home), "sources", "--json").json()) == len(sources)

    other = rollcall("demo", "--home", str(home), "--persons", "120", "--seed", "5", "--json")
    assert other.code == 1 and "--seed 4" in other.err


def test_demo_never_writes_into_a_folder_that_is_not_a_demo(tmp_path: Path, rollcall) -> None:
    registry = tmp_path / "real"
    registry.mkdir()
    (registry / "rollcall.sqlite3").write_bytes(b"")
    result = rollcall("demo", "--home", str(registry), "--persons", "50", "--no-serve")
    assert result.code == 1 and "not a demo folder" in result.err and "Traceback" not in result.err
    assert [p.name for p in registry.iterdir()] == ["rollcall.sqlite3"]


def test_demo_facilities_stage_says_why_it_is_skipped(tmp_path: Path, rollcall) -> None:
    empty = tmp_path / "no-data"
    empty.mkdir()
    result = rollcall("demo", "--home", str(tmp_path / "d"), "--persons", "40", "--json",
                      env={"ROLLCALL_FACILITY_DATA": str(empty)})
    assert result.code == 0, result.err
    stage = {s["stage"]: s for s in result.json()["stages"]}["facilities"]
    assert stage["status"] == "skipped" and "ROLLCALL_FACILITY_DATA" in stage["why"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_ends_by_serving_the_web_app(tmp_path: Path) -> None:
    """The README's first command: the demo ends with the web app up, its address printed, until stopped."""
    port = _free_port()
    home = tmp_path / "served"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    # Ctrl-C as at a terminal: a suite started in the background (`cmd &` without job control) hands its
    # children SIGINT ignored, and the demo would never hear it
    proc = subprocess.Popen([sys.executable, "-m", "rollcall", "demo", "--home", str(home), "--persons", "60",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        page = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    page = resp.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        assert page is not None, "the demo never served its web app"
        # the registry it serves is the demo's: its people counted on the home page
        count = page.split('id="count-persons">', 1)[1].split("<", 1)[0]
        assert int(count.replace(",", "")) > 0
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in out
