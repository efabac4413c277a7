"""What a command costs as a whole: wall time and the peak memory of its process tree
(it, its workers and the programs they start, such as Tesseract), under a deadline.

``python -m tests.hostile.measure [NAME ...] [--deadline S]`` builds each hostile file
of `tests.hostile.files` in an archive of its own and prints, for every step that reads
it, the seconds and the peak memory of the tree.

The tree's memory is sampled from /proc every 20 ms (Linux): the sum of its processes'
resident memory, and never less than the largest peak any one of them reached since it
started its program (``VmHWM``, kept exactly by the kernel). (The peak ``wait4`` gives
would count the pages of a large process that started it, such as a test run.)
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAIN = str(REPO / "main.py")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Measured:
    """A finished (or stopped) command."""

    rc: int | None
    seconds: float
    peak_mb: float
    out: str
    err: str
    timed_out: bool = False
    #: processes of its session still running once it ended (killed then)
    survivors: list[str] = field(default_factory=list)


def _session_pids(sid: int) -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 3 and int(fields[3]) == sid:
            pids.append(int(name))
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """A process's resident memory now and its peak since it started its program
    (bytes; 0, 0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            fields = dict(line.split(b":", 1) for line in f.read().splitlines() if b":" in line)
        now = int(fields.get(b"VmRSS", b"0 kB").split()[0]) * 1024
        peak = int(fields.get(b"VmHWM", b"0 kB").split()[0]) * 1024
        return now, peak
    except (OSError, ValueError, IndexError):
        return 0, 0


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return str(pid)


def run_tree(
    argv: list[str], *, timeout: float, env: dict[str, str] | None = None, cwd: str | None = None
) -> Measured:
    """Run *argv* in a session of its own; stop the whole session at *timeout*."""
    started = time.monotonic()
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
        cwd=cwd,
    )
    peak = 0
    done = threading.Event()
    outputs: dict[str, bytes] = {}

    def drain(name: str, stream: object) -> None:
        outputs[name] = stream.read()  # type: ignore[attr-defined]

    readers = [
        threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
        threading.Thread(target=drain, args=("err", proc.stderr), daemon=True),
    ]
    for t in readers:
        t.start()

    def sample() -> None:
        nonlocal peak
        linux = os.path.isdir("/proc/self")
        while not done.is_set():
            if linux:
                seen = [_memory(p) for p in _session_pids(proc.pid)]
                together = sum(now for now, _peak in seen)
                alone = max((p for _now, p in seen), default=0)
                peak = max(peak, together, alone)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timed_out = False
    rc: int | None = None
    deadline = started + timeout
    while True:
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            rc = os.waitstatus_to_exitcode(status)
            proc.returncode = rc
            break
        if time.monotonic() > deadline:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = rc = None
            break
        time.sleep(0.01)
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    survivors = []
    for pid in _session_pids(proc.pid):
        survivors.append(_name(pid))
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for t in readers:
        t.join(5)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    return Measured(
        rc,
        seconds,
        peak / 2**20,
        outputs.get("out", b"").decode("utf-8", "replace"),
        outputs.get("err", b"").decode("utf-8", "replace"),
        timed_out,
        survivors,
    )


def env_for(base: Path) -> dict[str, str]:
    """The environment of a measured step: folders of its own, nothing of the user's."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TANGTHU_DATA_DIR": str(base / "data"),
        "TANGTHU_CACHE_DIR": str(base / "cache"),
        "XDG_CONFIG_HOME": str(base / "config"),
    }


#: Reads a PDF's pages as pictures, as the reader's "See its pages as pictures" does.
_PAGES = (
    "import sys; from pathlib import Path;"
    "from tangthu.archive.formats.pdf import page_pictures;"
    "print(len(page_pictures(Path(sys.argv[1]))))"
)


def step_argv(step: str, root: Path, aid: str, index_dir: Path) -> list[str]:
    """The command of *step* over the archive at *root*."""
    if step == "scan":
        return [sys.executable, MAIN, "scan", str(root), "--json"]
    if step == "index":
        return [sys.executable, MAIN, "index", str(root), "--index-dir", str(index_dir),
                "--json", "--jobs", "2"]  # fmt: skip
    if step == "pages":
        return [sys.executable, "-c", _PAGES, str(root / aid)]
    raise ValueError(step)


def main(argv: list[str] | None = None) -> int:
    from tests.hostile.files import CASES, build

    parser = argparse.ArgumentParser(prog="python -m tests.hostile.measure")
    parser.add_argument("names", nargs="*", help="cases (default: all)")
    parser.add_argument("--deadline", type=float, default=120.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    for name in args.names or list(CASES):
        case = CASES[name]
        with tempfile.TemporaryDirectory(prefix="tangthu-hostile-") as tmp:
            base = Path(tmp)
            root = base / "archive"
            aid = build(case, root)
            for step in case.steps:
                m = run_tree(
                    step_argv(step, root, aid, base / "ix"),
                    timeout=args.deadline,
                    env=env_for(base),
                )
                problems = ""
                if step == "scan" and m.rc == 0:
                    try:
                        problems = ",".join(sorted(json.loads(m.out)["problems"]))
                    except (ValueError, KeyError):
                        problems = "?"
                last = (m.err.strip().splitlines() or [""])[-1][:100]
                row = {
                    "case": name,
                    "item": case.item,
                    "step": step,
                    "seconds": None if m.timed_out else round(m.seconds, 1),
                    "peak_mb": round(m.peak_mb),
                    "rc": m.rc,
                    "problems": problems,
                    "error": last if m.rc else "",
                    "survivors": len(m.survivors),
                }
                rows.append(row)
                if not args.json:
                    took = f"> {args.deadline:.0f} s" if m.timed_out else f"{m.seconds:.1f} s"
                    print(
                        f"{name:24} {case.item:>2} {step:6} {took:>9} {m.peak_mb:8.0f} MB "
                        f"rc {m.rc}  {problems}  {row['error']}",
                        flush=True,
                    )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
