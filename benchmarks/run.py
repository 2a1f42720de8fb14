"""The sco-tracker performance benchmark: one run, every figure of issues 6 and 17, medians.

    python benchmarks/run.py            # everything (N = 10,000 and 100,000, idle scheduler)
    python benchmarks/run.py --quick    # without N = 100,000 and the 60 s idle-scheduler test
    python benchmarks/run.py --full     # the same as no flag

Each command runs as a real process, as a user runs it: wall time with time.perf_counter,
peak resident memory and CPU time from os.wait4 for that very process. A command is run once
to warm up (not counted), then --runs times (default 5); the table shows medians, the ratio
to the reference it is judged against and whether the target holds. A command that fails is
reported as FAILED with the end of its error output; the benchmark goes on.

References measured in the same run:
  S  `python -c pass`
  L  a bare Python process that only reads the file, with PyYAML CSafeLoader, yaml-rs and
     rapidyaml (all three reported; L is the yaml-rs one, as issue 17 asks; the fastest is
     marked too)
  J  `check-jsonschema --schemafile commitments.schema.json commitments.yaml` (shipped file)

PostgreSQL: set SCO_TRACKER_BENCH_PG_URL (e.g. postgresql+psycopg://user@host/benchdb) to a
THROWAWAY database: the benchmark drops every table in it between runs.

Results: a table on standard output and benchmarks/out/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))


PY = sys.executable
BIN = Path(sys.executable).parent
GIB = 1024**3

L_SCRIPTS = {
    "PyYAML CSafeLoader": (
        "import sys, yaml\nwith open(sys.argv[1], 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)"
    ),
    "yaml-rs": (
        "import sys, yaml_rs\nwith open(sys.argv[1], encoding='utf-8') as f: "
        "yaml_rs.loads(f.read())"
    ),
    "rapidyaml": (
        "import sys, ryml\nwith open(sys.argv[1], 'rb') as f: ryml.parse_in_arena(f.read())"
    ),
}


# -- measuring one command ---------------------------------------------------------------------
@dataclass
class Measure:
    name: str
    argv: list[str]
    ok: bool = True
    error: str = ""
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.wall) if self.ok and self.wall else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.ok and self.cpu else None

    @property
    def peak_rss_mb(self) -> float | None:
        return max(self.rss_mb) if self.ok and self.rss_mb else None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["median_s"] = self.median
        d["peak_rss_mb"] = self.peak_rss_mb
        d["cpu_median_s"] = self.cpu_median
        return d


def run_once(
    argv: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None
) -> tuple[int, float, float, float, str]:
    """(exit code, wall s, cpu s, peak RSS MB, stderr tail) of one real process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode == -signal.SIGKILL and wall >= timeout:
            return proc.returncode, wall, 0.0, 0.0, f"timed out after {timeout:.0f} s"
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-1500:]
        if proc.returncode != 0:
            out.seek(0)
            tail = (out.read().decode("utf-8", "replace")[-500:] + "\n" + tail).strip()
        return proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tail


def measure(
    name: str,
    argv: list[str],
    cwd: Path,
    runs: int,
    *,
    warmup: bool = True,
    setup: Callable[[], None] | None = None,
    after: Callable[[Measure], None] | None = None,
    timeout: float = 1800,
    env: dict[str, str] | None = None,
) -> Measure:
    m = Measure(name, argv)
    print(f"  {name} ...", end="", flush=True)
    for i in range(runs + (1 if warmup else 0)):
        try:
            if setup:
                setup()
            rc, wall, cpu, rss, tail = run_once(argv, cwd, timeout, env)
        except Exception as exc:  # noqa: BLE001 - a broken setup is reported, not fatal
            m.ok, m.error = False, f"{type(exc).__name__}: {exc}"
            break
        if rc != 0:
            m.ok, m.error = False, f"exit code {rc}\n{tail}"
            break
        if warmup and i == 0:
            continue
        m.wall.append(wall)
        m.cpu.append(cpu)
        m.rss_mb.append(rss)
        if after:
            try:
                after(m)
            except Exception as exc:  # noqa: BLE001
                m.extra.setdefault("after_errors", []).append(f"{type(exc).__name__}: {exc}")
    print(f" {fmt_s(m.median)}" if m.ok else " FAILED")
    return m


def fmt_s(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f} s"


# -- data sets --------------------------------------------------------------------------------
KEEP = {"commitments.yaml", "sources"}


def dataset(n: int, seed: int) -> tuple[Path, Any]:
    """A generated folder, reused when it exists with the same n and seed."""
    folder = OUT / f"n{n}"
    marker = folder / ".generated"
    tag = f"{n} {seed} {(ROOT / 'benchmarks' / 'generate.py').stat().st_mtime_ns}"
    if not (marker.exists() and marker.read_text() == tag):
        if folder.exists():
            shutil.rmtree(folder)
        print(f"Generating {n:,} commitments into {folder} ...", flush=True)
        # In a child process: a benchmark process grown by the generator would pass its size on
        # to every measured process (Linux counts the parent's pages in a child's peak RSS).
        code = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); from "
            "generate import generate; g = generate(int(sys.argv[2]), Path(sys.argv[3]), "
            "int(sys.argv[4])); (Path(sys.argv[3]) / "
            "'.editable').write_text('\\n'.join(g.editable))"
        )
        subprocess.run(
            [PY, "-c", code, str(ROOT / "benchmarks"), str(n), str(folder), str(seed)], check=True
        )
        marker.write_text(tag)
    return folder, (folder / ".editable").read_text().split()


def _link_sources(src: Path, dst: Path) -> None:
    """dst/sources as hard links to src/sources (a symbolic link would lead outside the project,
    which sco-tracker refuses); copies where hard links are not possible."""

    def link(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(src / "sources", dst / "sources", copy_function=link)


def with_warnings(src: Path, dst: Path) -> int:
    """A copy of a data set in which the first source has no local text: each of its
    commitments gets the warning 'the quote cannot be verified' (issue 17: any warning, even
    one, must cost no more than its message). Returns how many 'text:' lines were removed."""
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    _link_sources(src, dst)
    text = (src / "commitments.yaml").read_text(encoding="utf-8")
    first = text.index("\n    text: ") + 1
    end = text.index("\n", first) + 1
    (dst / "commitments.yaml").write_text(text[:first] + text[end:], encoding="utf-8")
    return 1


def drop_cache(folder: Path) -> None:
    """Remove the validation cache, so that the next validate is a cold one (a cache miss)."""
    shutil.rmtree(folder / ".sco-tracker-cache", ignore_errors=True)


def reset(folder: Path) -> None:
    """Remove everything sco-tracker wrote (database, reports) so that the next run starts empty."""
    for p in folder.iterdir():
        if p.name in KEEP or p.name in (".generated", ".editable"):
            continue
        shutil.rmtree(p) if p.is_dir() else p.unlink()


class StatusToggle:
    """Flip one 'planned' commitment to 'in_progress' and back, one change per run."""

    def __init__(self, file: Path, cid: str) -> None:
        self.file = file
        self.cid = cid
        self.original = file.read_text(encoding="utf-8")
        start = self.original.index(f"  - id: {cid}\n")
        self.at = self.original.index("    status: ", start)
        self.state = "planned"

    def flip(self) -> None:
        self.state = "in_progress" if self.state == "planned" else "planned"
        end = self.original.index("\n", self.at)
        text = self.original[: self.at] + f"    status: {self.state}" + self.original[end:]
        self.file.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.file.write_text(self.original, encoding="utf-8")


# -- database inspection ----------------------------------------------------------------------
def sqlite_files(folder: Path) -> list[Path]:
    found = []
    for p in folder.rglob("*"):
        if p.is_file() and "sources" not in p.parts:
            with open(p, "rb") as fh:
                if fh.read(16) == b"SQLite format 3\x00":
                    found.append(p)
    return found


def history_count(folder: Path, pg_url: str | None) -> int | None:
    """Rows in the status-history table, or None when there is no such table (yet)."""
    if pg_url:
        import sqlalchemy as sa

        engine = sa.create_engine(pg_url)
        try:
            with engine.connect() as conn:
                names = sa.inspect(conn).get_table_names()
                table = next((t for t in names if "history" in t.lower()), None)
                return (
                    None
                    if table is None
                    else conn.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                )
        finally:
            engine.dispose()
    import sqlite3

    for db in sqlite_files(folder):
        con = sqlite3.connect(db)
        try:
            names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            table = next((t for t in names if "history" in t.lower()), None)
            if table is not None:
                return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        finally:
            con.close()
    return None


def pg_drop_all(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        md = sa.MetaData()
        md.reflect(engine)
        md.drop_all(engine)
        with engine.begin() as conn:
            for (name,) in conn.execute(
                sa.text(
                    "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = "
                    "t.typnamespace WHERE t.typtype = 'e' AND n.nspname = current_schema()"
                )
            ):
                conn.execute(sa.text(f'DROP TYPE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()


def with_database(src: Path, dst: Path, url: str) -> Path:
    """A copy of a data set whose settings point at another database."""
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    _link_sources(src, dst)
    text = (src / "commitments.yaml").read_text(encoding="utf-8")
    text = text.replace("\nsettings:\n", f"\nsettings:\n  database: {json.dumps(url)}\n", 1)
    (dst / "commitments.yaml").write_text(text, encoding="utf-8")
    return dst


# -- the pipeline runs at one size --------------------------------------------------------------
def run_series(
    label: str,
    folder: Path,
    editable: list[str],
    runs: int,
    sco: str,
    pg_url: str | None = None,
    warmup: bool = True,
) -> dict[str, Measure]:
    res: dict[str, Measure] = {}
    file = folder / "commitments.yaml"
    clean: Callable[[], object] = (
        (lambda: (reset(folder), pg_drop_all(pg_url))) if pg_url else (lambda: reset(folder))
    )
    res["run_empty"] = measure(
        f"{label} run, empty database", [sco, "run"], folder, runs, setup=clean, warmup=warmup
    )
    res["run_unchanged"] = measure(
        f"{label} run, nothing changed", [sco, "run"], folder, runs, warmup=warmup
    )
    if not editable:
        m = Measure(
            f"{label} run, one status changed",
            [sco, "run"],
            ok=False,
            error="the data set has no 'planned' commitment to change",
        )
        res["run_changed"] = m
        return res
    toggle = StatusToggle(file, editable[0])
    before: dict[str, int | None] = {}

    def setup() -> None:
        toggle.flip()
        before["n"] = history_count(folder, pg_url)

    def after(m: Measure) -> None:
        now = history_count(folder, pg_url)
        m.extra.setdefault("history_added", []).append(
            None if now is None or before["n"] is None else now - before["n"]
        )

    try:
        res["run_changed"] = measure(
            f"{label} run, one status changed",
            [sco, "run"],
            folder,
            runs,
            setup=setup,
            after=after,
            warmup=warmup,
        )
    finally:
        toggle.restore()
    return res


STAGES = ("imports", "reading", "validation", "evaluation", "sync", "context", "rendering", "other")


def stage_times(
    folder: Path, editable: list[str], runs: int, env: dict[str, str] | None = None
) -> dict[str, dict[str, float]]:
    """CPU seconds of each stage (benchmarks/stages.py) of validate (cold), run into an empty
    database and run after one status change: medians of runs."""
    script = str(ROOT / "benchmarks" / "stages.py")
    file = folder / "commitments.yaml"
    toggle = StatusToggle(file, editable[0]) if editable else None
    found: dict[str, dict[str, float]] = {}
    cases: list[tuple[str, list[str], Callable[[], object]]] = [
        ("validate, cold", ["validate"], lambda: drop_cache(folder)),
        ("run, empty database", ["run"], lambda: reset(folder)),
    ]
    if toggle is not None:
        cases.append(("run, one status changed", ["run"], toggle.flip))
    try:
        for name, cmd, setup in cases:
            samples: list[dict[str, float]] = []
            for _ in range(runs):
                setup()
                proc = subprocess.run(
                    [PY, script, *cmd], cwd=folder, capture_output=True, text=True, env=env
                )
                if proc.returncode != 0:
                    break
                samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            if samples:
                found[name] = {
                    k: statistics.median(x.get(k, 0.0) for x in samples) for k in (*STAGES, "total")
                }
    finally:
        if toggle is not None:
            toggle.restore()
    return found


def print_stages(found: dict[str, dict[str, float]], n: int) -> None:
    if not found:
        return
    print(f"\nWhere the CPU time goes at N={n:,} (benchmarks/stages.py, medians; seconds):")
    print(f"{'stage':<14}" + "".join(f"{name:>26}" for name in found))
    for k in (*STAGES, "total"):
        print(f"{k:<14}" + "".join(f"{found[name].get(k, 0.0):>26.3f}" for name in found))


def idle_scheduler(folder: Path, sco: str, seconds: float) -> dict[str, Any]:
    """CPU and memory of `sco-tracker schedule` at idle, or why it was not measured."""
    probe = subprocess.run([sco, "schedule", "--help"], cwd=folder, capture_output=True, text=True)
    if probe.returncode != 0:
        return {
            "measured": False,
            "why": "not measured: there is no 'sco-tracker schedule' command yet",
        }
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sco, "schedule"],
            cwd=folder,
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            time.sleep(
                40
            )  # start-up and any catch-up run (10 s or more at N = 10,000) are not idle
            if proc.poll() is not None:
                log.seek(0)
                return {
                    "measured": False,
                    "why": (
                        f"FAILED: the scheduler exited with {proc.returncode}: "
                        f"{log.read().decode('utf-8', 'replace')[-800:]}"
                    ),
                }
            c0, t0 = _cpu_ticks(proc.pid), time.perf_counter()
            time.sleep(seconds)
            c1, t1 = _cpu_ticks(proc.pid), time.perf_counter()
            rss = _status_kb(proc.pid, "VmRSS") / 1024
            hwm = _status_kb(proc.pid, "VmHWM") / 1024
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
    cpu = (c1 - c0) / os.sysconf("SC_CLK_TCK")
    return {
        "measured": True,
        "seconds": round(t1 - t0, 1),
        "cpu_s": cpu,
        "cpu_percent": 100 * cpu / (t1 - t0),
        "rss_mb": rss,
        "peak_rss_mb": hwm,
    }


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15])  # utime stime cutime cstime


def _status_kb(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return float(line.split()[1])
    return 0.0


# -- machine ------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0.0
    with contextlib.suppress(OSError):
        mem = _meminfo("MemTotal") / 1024 / 1024
    versions = {}
    from importlib import metadata

    for dist in (
        "sco-tracker",
        "PyYAML",
        "yaml-rs",
        "rapidyaml",
        "pydantic",
        "pydantic-core",
        "SQLAlchemy",
        "check-jsonschema",
    ):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "ram_gib": round(mem, 1),
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _meminfo(key: str) -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(key + ":"):
            return float(line.split()[1])
    return 0.0


# -- targets and the table ----------------------------------------------------------------------
@dataclass
class Row:
    what: str
    measure: Measure | None
    ref_name: str = ""
    ref: float | None = None
    limit: float | None = None  # the target: value <= limit * ref
    note: str = ""

    def ratio(self) -> float | None:
        if self.measure is None or self.measure.median is None or not self.ref:
            return None
        return self.measure.median / self.ref

    def verdict(self) -> str:
        if self.measure is not None and not self.measure.ok:
            return "FAILED"
        r = self.ratio()
        if self.limit is None or r is None:
            return ""
        return "ok" if r <= self.limit else "MISSED"


def print_table(rows: list[Row]) -> None:
    head = (
        f"{'what':<52} {'median':>10} {'CPU':>8} {'peak RSS':>9} {'target':>14} {'ratio':>7} "
        " result"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        m = r.measure
        med = fmt_s(m.median) if m and m.ok else ("FAILED" if m else "")
        rss = f"{m.peak_rss_mb:.0f} MB" if m and m.peak_rss_mb else ""
        cpu = f"{m.cpu_median:.3f}" if m and m.cpu_median is not None else ""
        target = (
            f"<= {r.limit:g} x {r.ref_name}"
            if r.limit is not None
            else (f"vs {r.ref_name}" if r.ref_name else "")
        )
        ratio = f"{r.ratio():.2f}" if r.ratio() is not None else ""
        print(
            f"{r.what:<52} {med:>10} {cpu:>8} {rss:>9} {target:>14} {ratio:>7}  "
            f"{r.verdict()}{('  ' + r.note) if r.note else ''}"
        )


def fastest(ms: dict[str, Measure]) -> tuple[str, float | None]:
    ok = {k: v.median for k, v in ms.items() if v.median is not None}
    if not ok:
        return "-", None
    k = min(ok, key=lambda x: ok[x])  # type: ignore[arg-type, return-value]
    return k, ok[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="sco-tracker performance benchmark (issue 6).")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick", action="store_true", help="skip N=100,000 and the 60 s idle-scheduler test"
    )
    mode.add_argument("--full", action="store_true", help="everything (the default)")
    ap.add_argument(
        "--runs",
        type=int,
        default=5,
        help="timed runs per command (median reported; at least 5 for the record)",
    )
    ap.add_argument("--n", type=int, default=10_000, help="the size of the main data set")
    ap.add_argument("--big", type=int, default=100_000, help="the size of the scaling data set")
    ap.add_argument(
        "--big-runs",
        type=int,
        default=None,
        help="timed runs per command at the --big size (default: --runs)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--only-validate",
        action="store_true",
        help="measure the references and validate only, not run",
    )
    ap.add_argument(
        "--json", type=Path, default=OUT / "results.json", help="where to write the results"
    )
    args = ap.parse_args(argv)
    full = not args.quick
    OUT.mkdir(parents=True, exist_ok=True)
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        # An installed tool keeps its compiled modules (and a user's Python writes them on the
        # first run); without this every measured process would compile sco_tracker from source.
        print(
            "PYTHONDONTWRITEBYTECODE was set: unset for the measured processes, as on a user's "
            "machine."
        )

    sco = (
        str(BIN / "sco-tracker")
        if (BIN / "sco-tracker").exists()
        else (shutil.which("sco-tracker") or "sco-tracker")
    )
    cjs = (
        str(BIN / "check-jsonschema")
        if (BIN / "check-jsonschema").exists()
        else (shutil.which("check-jsonschema") or "check-jsonschema")
    )
    pg_url = os.environ.get("SCO_TRACKER_BENCH_PG_URL") or None
    info = machine()
    print(
        f"Machine: {info['nproc']} CPUs, {info['cpu']}, {info['ram_gib']} GiB RAM; Python "
        f"{info['python']}; load {info['loadavg_at_start'][0]:.2f}"
    )
    print(
        f"Mode: {'full' if full else 'quick'}; {args.runs} timed runs per command (+1 warm-up), "
        "medians"
    )
    print(
        "Ratios compare wall-clock medians; CPU (user+sys of the process) is shown because a "
        "busy machine inflates wall time.\n"
    )

    shipped = OUT / "shipped"
    if shipped.exists():
        shutil.rmtree(shipped)
    shipped.mkdir()
    shutil.copy(ROOT / "commitments.yaml", shipped / "commitments.yaml")
    shutil.copy(ROOT / "commitments.schema.json", shipped / "commitments.schema.json")
    shutil.copytree(ROOT / "sources", shipped / "sources")
    runs = args.runs
    M: dict[str, Any] = {}

    print("References and the shipped commitments.yaml:")
    M["S"] = measure("S: python -c pass", [PY, "-c", "pass"], shipped, runs)
    M["J"] = measure(
        "J: check-jsonschema (shipped)",
        [cjs, "--schemafile", "commitments.schema.json", "commitments.yaml"],
        shipped,
        runs,
    )
    # validate twice: cold (no cache: the full validation, which then writes the cache) and
    # warm (the content-hash cache of sco_tracker/cache.py answers). Both are reported.
    M["validate_shipped"] = measure(
        "sco-tracker validate (shipped), cold",
        [sco, "validate"],
        shipped,
        runs,
        setup=lambda: drop_cache(shipped),
    )
    M["validate_shipped_warm"] = measure(
        "sco-tracker validate (shipped), warm", [sco, "validate"], shipped, runs
    )
    M["help"] = measure("sco-tracker --help", [sco, "--help"], shipped, runs)

    sizes = [args.n] + ([args.big] if full else [])
    for n in sizes:
        folder, editable = dataset(n, args.seed)
        size_mb = (folder / "commitments.yaml").stat().st_size / 1e6
        print(f"\nN = {n:,} ({size_mb:.1f} MB):")
        warm = n <= 20_000
        key = f"n{n}"
        M[key] = {"size_mb": size_mb, "L": {}}
        nruns = runs if n == args.n or args.big_runs is None else args.big_runs
        for pname, script in L_SCRIPTS.items():
            M[key]["L"][pname] = measure(
                f"L: {pname}", [PY, "-c", script, "commitments.yaml"], folder, nruns, warmup=warm
            )
        nruns = runs if n == args.n or args.big_runs is None else args.big_runs
        M[key]["runs"] = nruns
        M[key]["validate"] = measure(
            "sco-tracker validate, cold",
            [sco, "validate"],
            folder,
            nruns,
            warmup=warm,
            setup=lambda f=folder: drop_cache(f),
        )
        M[key]["validate_warm"] = measure(
            "sco-tracker validate, warm", [sco, "validate"], folder, nruns, warmup=True
        )
        if n == args.n:
            warned = OUT / f"n{n}-warnings"
            with_warnings(folder, warned)
            M[key]["validate_warnings"] = measure(
                "sco-tracker validate, cold, data with warnings",
                [sco, "validate"],
                warned,
                nruns,
                warmup=warm,
                setup=lambda f=warned: drop_cache(f),
            )
        if not args.only_validate:
            M[key].update(run_series("sqlite:", folder, editable, nruns, sco, warmup=warm))
            if n == args.n:
                M[key]["site"] = measure_site_browser(folder)
                if pg_url:
                    pg_folder = with_database(folder, OUT / f"n{n}-pg", pg_url)
                    M[key]["pg"] = run_series(
                        "postgresql:", pg_folder, editable, runs, sco, pg_url=pg_url, warmup=warm
                    )
                else:
                    M[key]["pg"] = None
                    print(
                        "  postgresql: not measured (set SCO_TRACKER_BENCH_PG_URL to a throwaway "
                        "database)"
                    )

    stages: dict[str, dict[str, float]] = {}
    if not args.only_validate:
        folder, editable = dataset(args.n, args.seed)
        print(f"\nStages at N = {args.n:,} ({max(3, runs // 2)} runs each):", flush=True)
        stages = stage_times(folder, editable, max(3, runs // 2))
        reset(folder)

    idle: dict[str, Any] = {"measured": False, "why": "not measured (--quick)"}
    if full and not args.only_validate:
        print("\nScheduler at idle (60 s):")
        folder, _ = dataset(args.n, args.seed)
        try:
            idle = idle_scheduler(folder, sco, 60)
        except Exception as exc:  # noqa: BLE001
            idle = {"measured": False, "why": f"FAILED: {type(exc).__name__}: {exc}"}
        print(
            "  "
            + (
                f"CPU {idle['cpu_s']:.2f} s over {idle['seconds']} s, RSS {idle['rss_mb']:.0f} MB"
                if idle["measured"]
                else idle["why"]
            )
        )

    # -- table
    rows: list[Row] = []
    S, J = M["S"].median, M["J"].median
    rows += [Row("S: python -c pass", M["S"]), Row("J: check-jsonschema, shipped file", M["J"])]
    rows.append(Row("validate, shipped file, cold (no cache)", M["validate_shipped"], "S", S, 3))
    rows.append(
        Row("validate, shipped file, warm (cache hit)", M["validate_shipped_warm"], "S", S, 3)
    )
    rows.append(Row("validate, shipped file, cold (must beat J)", M["validate_shipped"], "J", J, 1))
    rows.append(Row("--help", M["help"], "S", S, 2))
    base = M[f"n{args.n}"]
    for n in sizes:
        d = M[f"n{n}"]
        fname, _fast = fastest(d["L"])
        # Issue 17: L is a bare yaml-rs parse of the same file (the reader the tool uses); the
        # fastest of the three parsers is shown beside it.
        lname = "yaml-rs" if d["L"].get("yaml-rs") and d["L"]["yaml-rs"].ok else fname
        L = d["L"][lname].median if lname in d["L"] else None
        for pname, m in d["L"].items():
            mark = ("<- L" if pname == lname else "") + (
                " (fastest)" if pname == fname and pname != lname else ""
            )
            rows.append(Row(f"N={n:,} L: {pname}", m, note=mark.strip()))
        big = n != args.n
        # Issue 17's targets, as multiples of L at N = 10,000.
        specs = [
            ("validate", "validate, cold (no cache)", 4),
            ("validate_warnings", "validate, cold, data with warnings", 4),
            ("validate_warm", "validate, warm (cache hit)", 2),
            ("run_empty", "run, empty database", 15),
            ("run_unchanged", "run, nothing changed", 3),
            ("run_changed", "run, one status changed", 5),
        ]
        for k, label, lim in specs:
            if k not in d:
                continue
            if big:
                b = base.get(k)
                rows.append(
                    Row(
                        f"N={n:,} {label}",
                        d[k],
                        f"N={args.n:,}",
                        b.median if b else None,
                        11,
                        f"{d.get('runs')} runs" if d.get("runs") != runs else "",
                    )
                )
            else:
                note = ""
                if k == "run_changed":
                    added = d[k].extra.get("history_added")
                    note = (
                        "history: n/a (no history table yet)"
                        if not added or None in added
                        else (
                            f"history entries added per run: {added} "
                            f"{'ok' if all(a == 1 for a in added) else 'WRONG'}"
                        )
                    )
                rows.append(Row(f"N={n:,} {label}", d[k], "L", L, lim, note))
        if big and "run_empty" in d:
            keys = ("run_empty", "run_unchanged", "run_changed")
            peak = max((d[k].peak_rss_mb or 0) for k in keys if k in d)
            small = max((base[k].peak_rss_mb or 0) for k in keys if k in base)
            times = peak / small if small else 0
            rows.append(
                Row(
                    f"N={n:,} peak RSS of run: {peak:.0f} MB = {times:.1f} x N={args.n:,} "
                    "(< 1024 MB, <= 11 x)",
                    None,
                    note="ok" if 0 < peak < 1024 and times <= 11 else "MISSED",
                )
            )
        if not big and "pg" in d:
            if d["pg"] is None:
                rows.append(
                    Row(
                        f"N={n:,} PostgreSQL runs",
                        None,
                        note="not measured (SCO_TRACKER_BENCH_PG_URL not set)",
                    )
                )
            else:
                for k, label, _lim in specs[2:]:
                    rows.append(Row(f"N={n:,} PostgreSQL {label}", d["pg"][k], "L", L, None))
    rows += site_rows(args.n, base.get("site"))
    rows.append(
        Row(
            "scheduler idle, 60 s",
            None,
            note=(
                (
                    f"CPU {idle['cpu_s']:.2f} s ({idle['cpu_percent']:.2f} %), RSS "
                    f"{idle['rss_mb']:.0f} MB"
                )
                if idle["measured"]
                else idle["why"]
            ),
        )
    )

    print()
    print_table(rows)
    print_stages(stages, args.n)
    failed = [m for m in _all_measures(M) if not m.ok]
    for m in failed:
        print(f"\nFAILED: {m.name}: {' '.join(m.argv)}\n{m.error}")

    result = {
        "machine": info,
        "mode": "full" if full else "quick",
        "runs": runs,
        "measures": _jsonable(M),
        "idle_scheduler": idle,
        "stages": stages,
        "targets": [
            {
                "what": r.what,
                "median_s": r.measure.median if r.measure else None,
                "reference": r.ref_name,
                "reference_s": r.ref,
                "limit": r.limit,
                "ratio": r.ratio(),
                "result": r.verdict(),
                "note": r.note,
            }
            for r in rows
        ],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2))
    print(f"\nWrote {args.json}")
    return 0


def measure_site_browser(folder: Path) -> dict[str, Any]:
    """The site's index (after the run series) in headless Chromium: first paint, filters."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from site_browser import measure_site

    print("  site: the index in headless Chromium")
    try:
        return measure_site(folder)
    except Exception as exc:  # noqa: BLE001 - a missing browser is a row, not a crash
        return {"error": f"{type(exc).__name__}: {exc}"}


def site_rows(n: int, site: dict[str, Any] | None) -> list[Row]:
    """The site's rows of the table (issue 17): pages and sizes, first paint, filters."""
    if not site:
        return []
    if "error" in site:
        return [Row(f"N={n:,} site in Chromium", None, note=f"FAILED: {site['error']}")]
    f = site["filter_ms"]
    largest = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in site["largest"].items())
    return [
        Row(
            f"N={n:,} site: {site['pages']:,} pages, {site['bytes'] / 1e6:.0f} MB; report "
            f"{(site['report_html_bytes'] or 0) / 1e6:.1f} MB",
            None,
            note=f"largest: {largest}",
        ),
        Row(
            f"N={n:,} site index: first paint {site['first_paint_ms']:.0f} ms, load "
            f"{site['load_ms']:.0f} ms",
            None,
            note=f"headless Chromium, median of {site['runs']}",
        ),
        Row(
            f"N={n:,} site filter: party {f['party']:.0f} ms, status {f['status']:.0f} ms, "
            f"search {f['search']:.0f} ms",
            None,
            note="to the next frame",
        ),
    ]


def _all_measures(obj: Any) -> list[Measure]:
    if isinstance(obj, Measure):
        return [obj]
    if isinstance(obj, dict):
        return [m for v in obj.values() for m in _all_measures(v)]
    return []


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, Measure):
        return obj.as_dict()
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    return obj


if __name__ == "__main__":
    sys.exit(main())
