#!/usr/bin/env python3
"""Builds assets/demo/ (the bundled demo meeting) from the real packet in ../shared/seed/.

Run from the repository root when the seed changes: python3 scripts/build-demo-assets.py
The app never reads ../shared at run time; it embeds what this script writes.
"""
import csv
import io
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
OUT = ROOT / "assets" / "demo"

PACKET = "000_b181f8bfa9561537.txt"


def packet_text(lines):
    """The extracted text of one 資料: trailing blanks trimmed, the empty line the extraction put after
    every printed line dropped."""
    first, last = lines
    src = (SEED / PACKET).read_text(encoding="utf-8").split("\n")[first - 1 : last]
    kept = [line.rstrip() for line in src]
    return "\n".join(line for line in kept if line.strip()) + "\n"


def split_results():
    """kpi_r4_results.csv holds the rows of 資料2-1 and 資料2-2: one file per 資料, lines kept as written."""
    raw = (SEED / "kpi_r4_results.csv").read_text(encoding="utf-8")
    header, *rows = raw.splitlines(keepends=True)
    out = {}
    for line in rows:
        source = next(csv.reader(io.StringIO(line)))[0]
        out.setdefault(source, [header]).append(line)
    return {k: "".join(v) for k, v in out.items()}


def main():
    if not SEED.is_dir():
        sys.exit(f"seed folder not found: {SEED}")
    (OUT / "text").mkdir(parents=True, exist_ok=True)
    (OUT / "kpi").mkdir(exist_ok=True)
    (OUT / "shinkyu").mkdir(exist_ok=True)
    shutil.copyfile(SEED / "agenda.json", OUT / "agenda.json")
    for name in ["kpi_r5.csv", "dx_summary.csv", "plan_kpis_1-1.csv"]:
        shutil.copyfile(SEED / name, OUT / "kpi" / name)
    for source, text in split_results().items():
        (OUT / "kpi" / f"kpi_r4_results_{source.removeprefix('資料')}.csv").write_text(text, encoding="utf-8")
    for name in ["policy_old.txt", "policy_new.txt", "shinkyu_pairs.json"]:
        shutil.copyfile(SEED / name, OUT / "shinkyu" / name)

    agenda = json.loads((SEED / "agenda.json").read_text(encoding="utf-8"))
    for m in agenda["materials"]:
        if m["id"] in ("資料2-3", "資料2-5", "資料3-1"):
            (OUT / "text" / f"{m['id'].removeprefix('資料')}.txt").write_text(packet_text(m["seed_lines"]), encoding="utf-8")
    shutil.copyfile(SEED / "README.md", OUT / "SEED-README.md")


if __name__ == "__main__":
    main()
