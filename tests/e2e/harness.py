"""Shared by the e2e fixtures and tests: the session handle, the run report, and /proc memory readings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver

# Lines printed at the end of the run (pytest -q hides what a passing test prints).
REPORT_LINES: list[str] = []


def report(line: str) -> None:
    REPORT_LINES.append(line)


@dataclass
class AppSession:
    driver: webdriver.Remote
    # time.monotonic() just before the session (and so the app) was requested.
    requested_at: float
    tauri_driver_pid: int
    binary: Path
    workspace: Path


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in _children(stack.pop()):
            found.append(child)
            stack.append(child)
    return found


def process_name(pid: int) -> str:
    try:
        argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0]
    except OSError:
        return ""
    return Path(argv0.decode(errors="replace")).name


def pss_kib(pid: int) -> int:
    """Proportional set size of one process, from /proc/<pid>/smaps_rollup (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


WEBKIT_CHILDREN = ("WebKitWebProcess", "WebKitNetworkProcess")


def app_process_pss_kib(session: AppSession) -> list[tuple[str, int]]:
    """PSS of the app process and of each of its WebKit helper processes, as (name, KiB)."""
    apps = [pid for pid in descendants(session.tauri_driver_pid) if process_name(pid) == session.binary.name]
    counted: list[tuple[str, int]] = []
    for app_pid in apps:
        counted.append((session.binary.name, pss_kib(app_pid)))
        for pid in descendants(app_pid):
            name = process_name(pid)
            if name in WEBKIT_CHILDREN:
                counted.append((name, pss_kib(pid)))
    return counted
