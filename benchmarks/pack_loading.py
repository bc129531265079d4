"""Benchmark: loading the bundled library plus 200 generated user packs, against plain ruamel in the same run.

Run with `.venv/bin/python benchmarks/pack_loading.py`; it prints a small table and writes
benchmarks/results/pack_loading.md. The baseline parses the same files with ruamel's round-trip
loader and nothing else (no safety screen, no validation, no cross-checks, no timelines), so the
difference is what the loader's checks cost. Nothing here is asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ruamel.yaml import YAML

from deskbreak.core.resources import bundled_path
from deskbreak.core.routines import loader
from deskbreak.core.routines.library import load_library

RUNS = 5
GENERATED = 200
BUNDLED = bundled_path("routines")


def generate_packs(folder: Path, exercise_ids: list[str], summary: str) -> None:
    """200 valid packs of 4-14 steps over the bundled exercises, with every kind of dose override."""
    rng = random.Random(2026)
    for number in range(GENERATED):
        lines = [
            "schema: 1",
            f"id: generated-{number:03d}",
            f"title: Generated pack {number}",
            f"summary: {summary}",
            "when_to_use: Whenever a benchmark runs.",
            "position: [standing, floor]",
            "equipment: [mat]",
            "cautions:",
            "  skip_if:",
            "    - You have a fresh injury.",
            "  see_a_professional_if:",
            "    - Pain spreads down a leg.",
            "sources:",
            "  - title: deskbreak benchmark",
            "    url: https://example.org/deskbreak",
            "steps:",
        ]
        for _ in range(rng.randint(4, 14)):
            if rng.random() < 0.2:
                lines.append(f"  - rest: {rng.randint(5, 60)}")
                continue
            lines.append(f"  - exercise: {rng.choice(exercise_ids)}")
            if rng.random() < 0.4:
                lines += [f"    reps: {rng.randint(4, 15)}", f"    seconds_per_rep: {rng.randint(2, 6)}"]
            if rng.random() < 0.3:
                lines += ["    sides: both", f"    switch_seconds: {rng.randint(3, 10)}"]
            if rng.random() < 0.3:
                lines += [f"    sets: {rng.randint(2, 3)}", f"    rest: {rng.randint(10, 45)}"]
            if rng.random() < 0.3:
                lines.append("    note: Breathe out slowly as you move.")
        (folder / f"generated-{number:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def plain_ruamel(files: list[Path]) -> None:
    for path in files:
        YAML(typ="rt", pure=True).load(path.read_text(encoding="utf-8"))


def timed(func: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    rows: list[tuple[str, int, list[float]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        exercise_ids = sorted(load_library(root / "none", bundled_dir=BUNDLED).catalogue.exercises)
        plain_user, screened_user = root / "plain", root / "screened"
        for folder, summary in (
            (plain_user, "A generated pack."),
            (screened_user, "Hips & glutes, generated."),
        ):
            (folder / "packs").mkdir(parents=True)
            generate_packs(folder / "packs", exercise_ids, summary)
        files = sorted(BUNDLED.glob("*/*.yaml")) + sorted((plain_user / "packs").glob("*.yaml"))

        library = load_library(plain_user, bundled_dir=BUNDLED)
        if library.problems or len(library.packs) < GENERATED:
            raise SystemExit("generated packs did not load:\n" + "\n".join(map(str, library.problems[:5])))
        rows.append(
            (
                "deskbreak loader: read (libyaml events), validate, cross-check, plan",
                len(files),
                timed(lambda: load_library(plain_user, bundled_dir=BUNDLED)),
            )
        )
        rows.append(
            (
                "same, every user file holding '&' (which made the careful path screen tokens)",
                len(files),
                timed(lambda: load_library(screened_user, bundled_dir=BUNDLED)),
            )
        )
        fast_parser, loader._C_PARSER = loader._C_PARSER, None
        try:
            rows.append(
                (
                    "same files, careful path only (ruamel's pure-Python loader, as before)",
                    len(files),
                    timed(lambda: load_library(plain_user, bundled_dir=BUNDLED)),
                )
            )
        finally:
            loader._C_PARSER = fast_parser
        rows.append(
            (
                "baseline: ruamel round-trip load of the same files only",
                len(files),
                timed(lambda: plain_ruamel(files)),
            )
        )

    base = min(rows[-1][2])
    lines = [
        "# Routine packs: loading the bundled library plus 200 generated packs",
        "",
        f"{RUNS} runs each; times in milliseconds. Measured {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
        "",
        "| what | files | best ms | median ms | best vs baseline |",
        "|---|---|---|---|---|",
        *[
            f"| {name} | {count} | {min(t) * 1000:.1f} | {statistics.median(t) * 1000:.1f} | {min(t) / base:.2f}× |"
            for name, count, t in rows
        ],
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = Path(__file__).parent / "results" / "pack_loading.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
