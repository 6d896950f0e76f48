#!/usr/bin/env python3
"""Builds assets/demo/ (the bundled demo meeting) from the real packet in ../shared/seed/.

Run from the repository root when the seed changes: python3 scripts/build-demo-assets.py
The app never reads ../shared at run time; it embeds what this script writes.
"""
import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
OUT = ROOT / "assets" / "demo"


def split_results():
    """kpi_r4_results.csv holds the rows of 資料2-1 and 資料2-2: one file per 資料, lines kept as written."""
    raw = (SEED / "kpi_r4_results.csv").read_text(encoding="utf-8")
    header, *rows = raw.splitlines(keepends=True)
    out = {}
    for line in rows:
        source = next(csv.reader(io.StringIO(line)))[0]
        out.setdefault(source, [header]).append(line)
    return {k: "".join(v) for k, v in out.items()}


def with_evaluation(raw):
    """projects_r4_results.csv with the 評価（※R5.3.31時点） column 資料2-2 prints: the seed keeps it in `note`
    (「評価（R5.3.31時点）: 達成。…」), `-` where the note names none. Every other cell is kept as written."""
    rows = list(csv.reader(io.StringIO(raw)))
    header, body = rows[0], rows[1:]
    note = header.index("note")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header + ["evaluation"])
    for row in body:
        m = re.search(r"評価（R5\.3\.31時点）: ([^。]+)。", row[note])
        # 「①一部達成・②一部達成」 is printed as 「①一部達成 ②一部達成」.
        value = m.group(1).replace("・②", " ②") if m else "-"
        writer.writerow(row + [value])
    return out.getvalue()


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

    # 表 資料: the departments' lists as clean sheets (資料2-3; 資料2-2 with its 評価 column).
    (OUT / "table").mkdir(exist_ok=True)
    shutil.copyfile(SEED / "projects_r5.csv", OUT / "table" / "projects_r5.csv")
    raw = (SEED / "projects_r4_results.csv").read_text(encoding="utf-8")
    (OUT / "table" / "projects_r4_results.csv").write_text(with_evaluation(raw), encoding="utf-8")
    # Structured text 資料: headings and paragraphs one a line, ［表］…［表ここまで］ blocks and ［図：…］ lines.
    shutil.copyfile(SEED / "2-5_analog_regulation.txt", OUT / "text" / "2-5.txt")
    shutil.copyfile(SEED / "3-1_policy_revision_summary.txt", OUT / "text" / "3-1.txt")
    stale = OUT / "text" / "2-3.txt"
    if stale.exists():
        stale.unlink()
    shutil.copyfile(SEED / "README.md", OUT / "SEED-README.md")


if __name__ == "__main__":
    main()
