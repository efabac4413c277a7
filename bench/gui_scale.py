"""The window on a big archive: does it stay smooth while it searches and builds?

    python -m bench.gui_scale ARCHIVE [--index-dir DIR] [--fresh] [--searches 200]
                                      [--queries QUERIES.json] [--stacks N]

Opens the window (offscreen) on ARCHIVE and types queries, one every 300 ms, as a
person searching would. A timer ticking every 10 ms on the GUI thread measures how
late each tick comes: a late tick is a frame the window could not paint. Prints
JSON: the longest and the 99th-percentile stall while searching (and, with
--fresh, while the first build runs), the time from start to the first results,
the searches' latency as the window sees it, and the memory of the process after
them (the window included; the build's worker processes are not in it).

With --stacks N, a watcher thread samples the GUI thread's stack every 2 ms while
it is more than 20 ms late, and the N lines of our code seen most often in those
samples are printed (to stderr): where the stalls are spent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("archive", type=Path)
    p.add_argument("--index-dir", type=Path, default=None)
    p.add_argument("--fresh", action="store_true", help="start without an index")
    p.add_argument("--searches", type=int, default=200)
    p.add_argument("--queries", type=Path, default=None)
    p.add_argument("--stacks", type=int, default=0, help="print where the stalls are spent")
    args = p.parse_args(argv)
    started = time.perf_counter()

    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.scale_queries import make
    from tangthu.ui.app import responsive
    from tangthu.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    responsive()  # as the program does
    if args.fresh and args.index_dir is not None:
        import shutil

        shutil.rmtree(args.index_dir, ignore_errors=True)
    queries: list[str] = []
    kinds = json.loads(args.queries.read_text("utf-8")) if args.queries else make(args.archive)
    for qs in kinds.values():
        queries.extend(qs)
    settings = QSettings(
        str(Path(os.environ.get("TMPDIR", "/tmp")) / "tangthu-bench.ini"),
        QSettings.Format.IniFormat,
    )
    window = MainWindow(None, index_dir=args.index_dir, settings=settings)
    window.resize(1280, 800)
    window.show()

    clock = QElapsedTimer()
    clock.start()
    stalls: dict[str, list[float]] = {"searching": [], "building": []}
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        late = now - last[0] - 10
        last[0] = now
        phase = "building" if window.indexing() else "searching"
        phase_now[0] = phase
        stalls[phase].append(max(0.0, late))

    beat = [time.perf_counter()]
    seen: Counter[tuple[str, str]] = Counter()
    chains: Counter[tuple[str, str]] = Counter()
    phase_now = ["searching"]
    watching = [args.stacks > 0]

    def watch(gui: int) -> None:
        while watching[0]:
            time.sleep(0.002)
            if time.perf_counter() - beat[0] < 0.020:
                continue
            frame = sys._current_frames().get(gui)
            if frame is None:
                continue
            ours = []
            while frame is not None:
                code = frame.f_code
                if "tangthu" in code.co_filename:
                    ours.append(f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}")
                frame = frame.f_back
            del frame
            for line in dict.fromkeys(ours):  # each line once per sample
                seen[phase_now[0], line] += 1
            chains[phase_now[0], " < ".join(ours[:6])] += 1

    if args.stacks:
        threading.Thread(target=watch, args=(threading.get_ident(),), daemon=True).start()

    def heartbeat() -> None:
        beat[0] = time.perf_counter()

    pulse = QTimer()
    pulse.setInterval(5)
    pulse.timeout.connect(heartbeat)
    pulse.start()

    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    ticker.start()

    first_results: list[float] = []
    latencies: list[float] = []
    sent = [0.0]
    window.search_done.connect(
        lambda: latencies.append((time.perf_counter() - sent[0]) * 1000) if sent[0] else None
    )

    def results_seen() -> None:
        if not first_results and window.result is not None and window.result.total:
            first_results.append(time.perf_counter() - started)

    window.search_done.connect(results_seen)
    window.search_bar.edit.setText("hội nghị")
    window.open_archive(args.archive)

    count = [0]

    def type_next() -> None:
        if window.result is None or not window.result.total:
            return  # nothing searchable yet
        if count[0] >= args.searches:
            if not (args.fresh and window.indexing()):
                watching[0] = False
                app.quit()
            return
        sent[0] = time.perf_counter()
        window.set_query(queries[count[0] % len(queries)])
        count[0] += 1

    typist = QTimer()
    typist.setInterval(300)
    typist.timeout.connect(type_next)
    typist.start()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(app.quit)
    deadline.start(60 * 60 * 1000)
    app.exec()
    watching[0] = False  # (the window's shutdown below is not measured)
    for phase in ("searching", "building"):
        print(f"-- where the GUI thread was late while {phase}", file=sys.stderr)
        top = Counter({line: n for (ph, line), n in seen.items() if ph == phase})
        for line, n in top.most_common(args.stacks):
            print(f"{n * 2:6d} ms  {line}", file=sys.stderr)
        print(f"-- the stacks most often seen while {phase}", file=sys.stderr)
        top = Counter({line: n for (ph, line), n in chains.items() if ph == phase})
        for line, n in top.most_common(max(5, args.stacks // 3)):
            print(f"{n * 2:6d} ms  {line}", file=sys.stderr)
    memory = rss_mb()
    window.shutdown()

    def summary(values: list[float]) -> dict[str, float]:
        ordered = sorted(values) or [0.0]
        return {
            "max_ms": ordered[-1],
            "p99_ms": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
            "ticks": len(values),
            "over_100ms": sum(v > 100 for v in values),
        }

    lat = sorted(latencies) or [0.0]
    print(
        json.dumps(
            {
                "first_results_s": first_results[0] if first_results else None,
                "searches": count[0],
                "search_ms_p50": lat[len(lat) // 2],
                "search_ms_p95": lat[min(len(lat) - 1, int(0.95 * len(lat)))],
                "stalls_searching": summary(stalls["searching"]),
                "stalls_building": summary(stalls["building"]),
                "rss_mb": memory,
                "seconds": time.perf_counter() - started,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
