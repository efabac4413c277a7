"""Window timings: start to a usable window, and keystroke to results (medians).

    python -m bench.gui_timing ARCHIVE [--runs 5]

Runs offscreen. The archive is indexed first (not timed). "Start" counts from a
fresh process to the first results shown; "keystroke" from a typed character to
the new results shown, with and without the 300 ms typing pause the field waits.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys, time, json
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
app = QApplication([])
from tangthu.ui.main_window import MainWindow
root, ix, settings = sys.argv[1], sys.argv[2], sys.argv[3]
w = MainWindow(None, index_dir=ix, settings=QSettings(settings, QSettings.Format.IniFormat))
w.show()
done = []
w.search_done.connect(lambda: done.append(time.perf_counter()))
w.open_archive(__import__("pathlib").Path(root))
while not done:
    app.processEvents()
    time.sleep(0.001)
start = done[-1] - t0
out = {"start_s": start, "typed_ms": [], "search_ms": []}
for word in ["doan ket", "thu tuong", "bao so 3", "hoc sinh", "gia lai", "viet nam", "lu lut"]:
    w.search_bar.edit.clear()
    done.clear()
    t = time.perf_counter()
    QTest.keyClicks(w.search_bar.edit, word)  # each key restarts the typing pause
    t_last = time.perf_counter()
    while not done or w.busy():
        app.processEvents()
        time.sleep(0.001)
    out["typed_ms"].append((done[0] - t_last) * 1000)
    done.clear()
    t = time.perf_counter()
    w.run_search()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    out["search_ms"].append((done[0] - t) * 1000)
w.shutdown()
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    work = Path(tempfile.mkdtemp(prefix="tangthu-gui-"))
    ix = work / "ix"
    subprocess.run(
        [sys.executable, "main.py", "index", args.archive, "--index-dir", str(ix)],
        cwd=repo,
        check=True,
        capture_output=True,
    )
    starts, typed, search = [], [], []
    env = {**os.environ, "TANGTHU_CACHE_DIR": str(work / "cache")}
    for i in range(args.runs):
        p = subprocess.run(
            [sys.executable, "-c", CHILD, args.archive, str(ix), str(work / f"s{i}.ini")],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        data = json.loads(p.stdout.strip().splitlines()[-1])
        starts.append(data["start_s"])
        typed.append(statistics.median(data["typed_ms"]))
        search.append(statistics.median(data["search_ms"]))
    print(
        json.dumps(
            {
                "runs": args.runs,
                "start_to_first_results_s": round(statistics.median(starts), 2),
                "keystroke_to_results_ms (incl. 300 ms typing pause)": round(
                    statistics.median(typed), 1
                ),
                "search_to_results_shown_ms": round(statistics.median(search), 1),
            },
            indent=2,
        )
    )
    time.sleep(0)


if __name__ == "__main__":
    main()
