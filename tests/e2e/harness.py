"""Shared by the e2e fixtures and tests: the session handle, the run report, and /proc memory readings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import time

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

# Lines printed at the end of the run (pytest -q hides what a passing test prints).
REPORT_LINES: list[str] = []


def report(line: str) -> None:
    REPORT_LINES.append(line)


def start_app(driver_url: str, app_binary: Path, height: int = 768) -> WebDriver:
    """A WebDriver session on the app (tauri-driver starts it), 1366 px wide like a small laptop screen.

    The driver runs on this machine, so a file input takes a local path as it is (no upload through /se/file)."""
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": str(app_binary)})
    connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=driver_url))
    driver = webdriver.Remote(command_executor=connection, options=options)
    driver.set_window_size(1366, height)
    driver.file_detector = UselessFileDetector()
    return driver


def open_material(driver: WebDriver, wait: WebDriverWait, label: str, ready_css: str) -> float:
    """Clicks 「開く」 on the 資料 row of the 次第 editor; returns the seconds until `ready_css` matched.

    A missing button is a failure (NoSuchElementException), not a skip: the screen must be reachable."""
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=outline-material]"))
    xpath = (
        f"//*[@data-testid='outline-material'][contains(normalize-space(.), '{label}')]"
        "//button[contains(normalize-space(.), '開く')]"
    )
    button = driver.find_element(By.XPATH, xpath)
    started = time.monotonic()
    button.click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ready_css))
    return time.monotonic() - started


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


def agenda_row(driver: WebDriver, item_id: str):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid=agenda-row][data-item-id="{item_id}"]')


def row_action(driver: WebDriver, row, testid: str) -> None:
    """Does what a row's button `testid` does, as a person would at this window width: the button when the row
    shows it, else the same entry of the row's ⋯ menu (a narrow column folds the buttons into it)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)

    def own(css: str) -> list:
        return [
            e
            for e in row.find_elements(By.CSS_SELECTOR, css)
            if driver.execute_script("return arguments[0].closest('[data-key]') === arguments[1]", e, row)
        ]

    shown = [b for b in own(f"[data-testid={testid}]") if b.is_displayed()]
    if shown:
        shown[0].click()
        return
    own("[data-testid=row-menu]")[0].click()
    entry = WebDriverWait(driver, 10).until(lambda d: own(f"[data-testid=menu-{testid}]"))[0]
    entry.click()
