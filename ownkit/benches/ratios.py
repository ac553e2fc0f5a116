#!/usr/bin/env python3
"""Prints ownkit/std ratios from the last criterion run as a Markdown table.

Usage: python3 ownkit/benches/ratios.py [TARGET_DIR]

Each benchmark group holds a `std` and an `ownkit` function timing the same
operation BATCH times per iteration (see pointers.rs). The ratio is ownkit's
median over std's: 1.00 is parity, below 1 means ownkit was faster.

In the `_contended` groups an iteration is BATCH operations on each of two
threads running at once, timed by the wall clock, so their ns/op is what one
thread pays per operation while the other competes for the same counter.
"""

import json
import pathlib
import sys

BATCH = 1000


def median_ns(function_dir: pathlib.Path) -> float:
    estimates = json.loads((function_dir / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"]


def main() -> int:
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target")
    criterion = target / "criterion"
    rows = []
    for group in sorted(p for p in criterion.iterdir() if p.is_dir()):
        baseline, ours = group / "std", group / "ownkit"
        if not (baseline / "new").is_dir() or not (ours / "new").is_dir():
            continue
        std_ns, our_ns = median_ns(baseline) / BATCH, median_ns(ours) / BATCH
        rows.append((group.name, std_ns, our_ns, our_ns / std_ns))
    if not rows:
        print(f"no std/ownkit benchmark pairs under {criterion}", file=sys.stderr)
        return 1
    print("| operation | std (ns/op) | ownkit (ns/op) | ratio |")
    print("|---|---:|---:|---:|")
    for name, std_ns, our_ns, ratio in rows:
        print(f"| {name} | {std_ns:.3f} | {our_ns:.3f} | {ratio:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
