#!/usr/bin/env python3
"""Counts instructions per operation of ownkit and its peers under callgrind.

Usage: python3 ownkit/benches/callgrind.py [FILTER]

Builds the `instructions` bench (benches/instructions.rs) with the bench
profile, asks it for its comparisons (`--list`), and runs each of its
programs under valgrind's callgrind twice: with 0 operations and with N.
The difference, divided by N and by the units one operation stands for, is
the figure: start-up, building the fixture and tearing it down are the same
in both runs and cancel. Instruction counts do not drift with the machine's
load the way wall time does, so one run of each is enough.

The heap rows compare global allocators, and a global allocator belongs
to one binary: their programs, named `TARGET:PROGRAM`, run in the bench
targets `heap_system`, `heap_tracking` and `heap_dhat`, built the same way.

FILTER keeps the rows whose description or program names contain it (say
`arena`, `rc_`, `graph`). Prints Markdown tables: ownkit against std and
against the arena crates, with the ratio targets of BENCHMARKS.md, and the
ownership graph against deepsize, per unit of the walked value.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]


def bench_executable(target: str = "instructions") -> str:
    """Builds the bench `target` and returns the path of its executable."""
    command = [
        "cargo",
        "bench",
        "-p",
        "ownkit",
        "--bench",
        target,
        "--no-run",
        "--message-format=json",
    ]
    output = subprocess.run(
        command, cwd=REPO, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    for line in output.splitlines():
        message = json.loads(line)
        if (
            message.get("reason") == "compiler-artifact"
            and message["target"]["name"] == target
            and message.get("executable")
        ):
            return message["executable"]
    sys.exit(f"cargo built no `{target}` executable")


class Comparison:
    """One row, as `instructions --list` prints it."""

    def __init__(self, line: str):
        fields = line.split("\t")
        (self.table, self.what, self.ours, ours_ops, self.peer, peer_ops) = fields[:6]
        self.ours_ops, self.peer_ops = int(ours_ops), int(peer_ops)
        self.units, self.unit = int(fields[6]), fields[7]
        self.target = None if fields[8] == "-" else float(fields[8])
        self.peer_name = self.peer.split("/", 1)[1]
        # Instructions per unit, filled in by main().
        self.ours_figure = self.peer_figure = 0.0


EXECUTABLES: dict = {}


def executable_of(program: str) -> tuple:
    """The executable that runs `program`, and the program's name for it:
    `TARGET:PROGRAM` names a program of the bench target TARGET (one per
    global allocator), anything else one of `instructions`."""
    target, _, name = program.rpartition(":")
    target = target or "instructions"
    if target not in EXECUTABLES:
        EXECUTABLES[target] = bench_executable(target)
    return EXECUTABLES[target], name


def instructions(program: str, ops: int, scratch: str) -> int:
    """Instructions executed by one whole run of `program` with `ops`
    operations, as callgrind counts them."""
    executable, program = executable_of(program)
    out = os.path.join(scratch, "callgrind.out")
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--quiet",
            f"--callgrind-out-file={out}",
            executable,
            program,
            str(ops),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    text = pathlib.Path(out).read_text()
    found = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.MULTILINE)
    if not found:
        sys.exit(f"no instruction total in callgrind's output for {program}")
    return int(found.group(1))


def per_op(program: str, ops: int, scratch: str, cache: dict) -> float:
    """Instructions per operation of `program`: its run with `ops`
    operations less its run with none, over `ops`."""
    if (program, ops) not in cache:
        baseline = instructions(program, 0, scratch)
        measured = instructions(program, ops, scratch)
        cache[(program, ops)] = (measured - baseline) / ops
        print(f"  {program}: {cache[(program, ops)]:,.2f} per iteration", file=sys.stderr)
    return cache[(program, ops)]


def main() -> int:
    pattern = sys.argv[1] if len(sys.argv) > 1 else ""
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 1
    executable = EXECUTABLES["instructions"] = bench_executable()
    listing = subprocess.run(
        [executable, "--list"], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    rows = [Comparison(line) for line in listing.splitlines() if line]
    rows = [
        row
        for row in rows
        if pattern in row.what or pattern in row.ours or pattern in row.peer
    ]
    if not rows:
        print(f"no comparison matches {pattern!r}", file=sys.stderr)
        return 1

    cache: dict = {}
    with tempfile.TemporaryDirectory() as scratch:
        for row in rows:
            ours = per_op(row.ours, row.ours_ops, scratch, cache)
            peer = per_op(row.peer, row.peer_ops, scratch, cache)
            row.ours_figure, row.peer_figure = ours / row.units, peer / row.units

    ratio_rows = [row for row in rows if row.table != "graph"]
    if ratio_rows:
        print("| case | peer | ownkit instr/op | peer instr/op | ratio | target | verdict |")
        print("|---|---|---:|---:|---:|---:|---|")
        for row in ratio_rows:
            ratio = row.ours_figure / row.peer_figure
            verdict = "met" if ratio <= row.target else "over"
            print(
                f"| {row.what} | {row.peer_name} | {row.ours_figure:.2f} "
                f"| {row.peer_figure:.2f} | {ratio:.3f} | ≤ {row.target:.2f} | {verdict} |"
            )
    graph_rows = [row for row in rows if row.table == "graph"]
    if graph_rows:
        if ratio_rows:
            print()
        print("| shape | unit | `Graph::of` instr/unit | deepsize instr/unit | factor |")
        print("|---|---|---:|---:|---:|")
        for row in graph_rows:
            factor = row.ours_figure / row.peer_figure
            print(
                f"| {row.what} | {row.unit} | {row.ours_figure:,.0f} "
                f"| {row.peer_figure:,.1f} | {factor:,.0f}x |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
