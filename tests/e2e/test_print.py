"""Printing from the app: 両面 makes the packet duplex-safe by default (blank pages counted in the report, every
資料 on an odd page), the sheet count follows the choices, 資料ごとに保存 writes one PDF per 資料 with its list, and
印刷… sends 2 sets, one job per 資料, to the cups-pdf virtual printer of tests/cups/with-cups.sh (scripts/test.sh
runs the e2e suite under it; without that server the print part is skipped unless SHIRYO_REQUIRE_CUPS=1).
The panel is first walked by keyboard alone at 1366×768 (Ctrl+E, Tab round, Esc gives the focus back).
Prints the time of the split and of the print run."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import AppSession, report

TIMEOUT_S = 120


def _testid(driver: WebDriver, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def _first_line(page: str) -> str:
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


def test_duplex_split_and_print_from_the_export_panel(
    app: AppSession, tauri_driver: TauriDriver, repo_root: Path
) -> None:
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    driver = app.driver
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)

    # By keyboard alone, on a small laptop screen: Ctrl+E opens the panel with the focus inside; Tab goes round
    # its controls without leaving it and reaches 書き出す; Esc closes it and gives the focus back.
    driver.set_window_size(1366, 768)
    opener = _testid(driver, "open-export")
    driver.execute_script("arguments[0].focus()", opener)
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("e").key_up(Keys.CONTROL).perform()
    wait.until(lambda d: _testid(d, "export-panel"))
    inside = "return document.activeElement?.closest('[data-testid=export-panel]') !== null"
    wait.until(lambda d: d.execute_script(inside))
    reached = set()
    ticked = False
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        assert driver.execute_script(inside), "Tab left the export panel"
        testid = driver.execute_script("return document.activeElement?.dataset?.testid ?? ''")
        reached.add(testid)
        if testid == "allow-empty" and not ticked:
            # The demo has a 資料 without content: 書き出す is enabled once it may print as 「（別途配付）」.
            ActionChains(driver).send_keys(Keys.SPACE).perform()
            ticked = True
    # A radio group is one tab stop (the checked one: 片面).
    assert {"export-scope", "allow-empty", "sides-simplex", "export-start"} <= reached, reached
    # Every control the walk reached is on screen at 768 px (the panel scrolls, the window does not).
    offscreen = driver.execute_script(
        """
        const panel = document.querySelector('[data-testid=export-panel]');
        const r = panel.getBoundingClientRect();
        return r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1 || r.top < -1;
        """
    )
    assert not offscreen, "the export panel does not fit a 1366×768 window"
    assert driver.save_screenshot(str(screenshots / "export-panel-1366x768.png"))
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=export-panel]"))
    wait.until(lambda d: d.execute_script("return document.activeElement === arguments[0]", opener))

    driver.set_window_size(1366, 900)
    _testid(driver, "open-export").click()
    wait.until(lambda d: _testid(d, "export-panel"))
    _testid(driver, "allow-empty").click()

    # 片面 first: the sheet count is pages × 1 and says so.
    simplex = wait.until(lambda d: _testid(d, "sheet-count").text.strip() or None)
    assert "片面" in simplex and "× 1 部" in simplex, simplex
    # 両面 turns the duplex-safe packet on by default, and the count gains blank pages and halves.
    _testid(driver, "sides-duplex").click()
    assert _testid(driver, "duplex-safe").is_selected()
    wait.until(lambda d: "両面" in _testid(d, "sheet-count").text and "白紙" in _testid(d, "sheet-count").text)

    _testid(driver, "export-start").click()
    result = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))[0]
    pdfs = sorted(p for p in tauri_driver.export_dir.iterdir() if p.suffix == ".pdf")
    assert len(pdfs) == 1, pdfs
    pages = _pages(pdfs[0])
    assert len(pages) % 2 == 0
    blanks = [i for i, p in enumerate(pages) if not p.strip()]
    assert blanks, "the demo has 資料 with odd page counts"
    assert f"うち白紙 {len(blanks)} ページ" in result.text, result.text
    # Every 資料 starts on an odd page (1-based): the page after a blank or after the previous 資料's last page.
    starts = [i for i, p in enumerate(pages) if _first_line(p).startswith("資料") and "- 1 -" in p]
    assert starts and all(i % 2 == 0 for i in starts), starts

    # 資料ごとに保存: a folder named after the meeting inside the (test) chosen folder.
    pressed = time.monotonic()
    _testid(driver, "export-split").click()
    split = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=split-report]"))[0]
    report(f"e2e split: one file per 資料 of the demo finished {time.monotonic() - pressed:.2f} s after the click")
    folder = Path(_testid(driver, "split-dir").get_attribute("value"))
    assert folder.parent == tauri_driver.export_dir and folder.name.startswith("令和５年６月５日_"), folder
    names = sorted(p.name for p in folder.iterdir())
    assert "00_次第.pdf" in names and "一覧.csv" in names, names
    materials = [n for n in names if n.startswith("資料")]
    assert len(materials) == len(starts), (materials, starts)
    for name in materials:
        label = name.split("_", 1)[0]
        assert all(_first_line(p) == label for p in _pages(folder / name)), name
    assert f"{len(names) - 1} ファイル" in split.text, split.text
    assert driver.save_screenshot(str(screenshots / "export-split.png"))

    # 印刷…: the printers the OS lists.
    printer = os.environ.get("SHIRYO_TEST_PRINTER")
    out_dir = os.environ.get("SHIRYO_TEST_CUPS_OUT")
    if not printer or not out_dir:
        if os.environ.get("SHIRYO_REQUIRE_CUPS") == "1":
            pytest.fail("SHIRYO_REQUIRE_CUPS=1 but no test CUPS server (tests/cups/with-cups.sh)")
        pytest.skip("no test CUPS server (tests/cups/with-cups.sh): the print part is not run")
    _testid(driver, "print-open").click()
    select = Select(wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=printer]"))[0])
    assert printer in [o.text for o in select.options]
    select.select_by_visible_text(printer)
    copies = _testid(driver, "copies")
    copies.clear()
    copies.send_keys("2")
    _testid(driver, "per-material").click()
    jobs_expected = 2 * (len(materials) + 1)
    wait.until(lambda d: f"{jobs_expected} ジョブ" in _testid(d, "sheet-count").text)
    before = set(os.listdir(out_dir))
    pressed = time.monotonic()
    _testid(driver, "print-start").click()
    done = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=print-report]"))[0]
    sent = time.monotonic() - pressed
    jobs = done.find_elements(By.CSS_SELECTOR, "[data-testid=print-jobs] li")
    assert len(jobs) == jobs_expected, [j.text for j in jobs]
    assert all(j.text.startswith(f"{printer}-") for j in jobs), [j.text for j in jobs]
    assert "次第" in jobs[0].text and "第1部" in jobs[0].text and "第2部" in jobs[-1].text
    assert driver.save_screenshot(str(screenshots / "export-print.png"))
    # Every job comes out of cups-pdf as a PDF.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        new = [n for n in set(os.listdir(out_dir)) - before if n.endswith(".pdf")]
        if len(new) >= jobs_expected:
            break
        time.sleep(0.5)
    report(
        f"e2e print: {jobs_expected} jobs sent {sent:.2f} s after the click, "
        f"{len(new)} printed by cups-pdf {time.monotonic() - pressed:.1f} s after it"
    )
    assert len(new) == jobs_expected, new
