"""The KPI review screen: open the demo's 資料２－２ from the 次第 editor, see the 建設業総実労働時間 contradiction,
filter to the rows with findings, write a note and find it again after a restart, and import a KPI CSV through the
file input."""

from __future__ import annotations

import re
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import open_material, report, start_app

TIMEOUT_S = 60
HOURS = "建設業の総実労働時間／月"
NOTE = "部局に確認：実績は目標に届かず（一部達成が正しい）"






def _count(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-count]").text


def _row_with(driver: WebDriver, text: str):  # noqa: ANN202 (a WebElement or None)
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=kpi-row]')].find((r) => r.textContent.includes(arguments[0])) ?? null;",
        text,
    )


def _row_text(driver: WebDriver, text: str) -> str:
    """The whole text of the row (long notes are cut on screen)."""
    row = _row_with(driver, text)
    return (row.get_attribute("textContent") or "") if row is not None else ""


def test_the_review_flags_the_hours_row_keeps_a_note_and_imports_a_csv(
    tauri_driver: TauriDriver, app_binary: Path, repo_root: Path
) -> None:
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    driver = start_app(tauri_driver.url, app_binary, height=900)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        opened = open_material(driver, wait, "資料２－２", "[data-testid=kpi-row]")
        report(f"KPI review of 資料２－２ (73 rows, imported on first open): grid shown {opened:.2f} s after 「開く」")
        wait.until(lambda d: _count(d) == "73 / 73行")

        # Only the rows with findings; the 建設業 row is among them, its printed 達成 marked as contradicting.
        Select(driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-filter-findings]")).select_by_value("any")
        wait.until(lambda d: _count(d) != "73 / 73行")
        shown = int(_count(driver).split(" / ")[0])
        assert 0 < shown < 73, _count(driver)
        row = wait.until(lambda d: _row_with(d, HOURS))
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
        row = wait.until(lambda d: _row_with(d, HOURS))
        assert driver.save_screenshot(str(screenshots / "kpi-findings.png"))
        assert "数値では「一部達成」" in row.text, row.text
        # The finding beside the row (cut with … on screen, so WebKit's visible text is empty; its whole text is
        # in the DOM and its title).
        finding = row.find_element(By.CSS_SELECTOR, ".finding.error")
        shown_text = finding.get_attribute("textContent") or ""
        assert shown_text.startswith("誤り：令和４年度の達成状況「達成」が数値と矛盾します"), shown_text
        assert "矛盾" in (finding.get_attribute("title") or ""), finding.get_attribute("title")
        chip = row.find_element(By.CSS_SELECTOR, "[data-testid=status-chip]")
        assert chip.text == "達成" and "bad" in (chip.get_attribute("class") or ""), chip.get_attribute("class")

        # A note on that row, saved as it is written.
        row.click()
        note = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=kpi-note]"))
        # The field says a note is working data: it is never printed.
        assert "（印刷されません）" in driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-note-not-printed]").text
        # Nothing on the screen is a code: the findings filter, the detail, the roll-ups are Japanese.
        screen_text = driver.execute_script(
            "const s = document.querySelector('[data-testid=kpi-screen]');"
            "return s.innerText + '\\n' + [...s.querySelectorAll('option')].map((o) => o.textContent).join('\\n');"
        )
        codes = re.findall(r"[a-z]+_[a-z]+", screen_text)
        assert not codes, codes
        detail = driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-detail]").text
        assert "達成状況が数値と矛盾" in detail and "163.9時間" in detail, detail
        # 事業数 is filled from the meeting's field table (資料２－１) or says 「－」, never blank.
        projects = [c.get_attribute("textContent").strip() for c in driver.find_elements(By.CSS_SELECTOR, "[data-testid=rollup-projects]")]
        assert projects and all(p == "－" or p.isdigit() for p in projects), projects
        assert any(p.isdigit() for p in projects), projects
        assert driver.save_screenshot(str(screenshots / "kpi-detail.png"))
        # The demo row carries the seed's own remark as its note: replace it.
        assert "原文どおり" in (note.get_attribute("value") or "")
        note.clear()
        note.send_keys(NOTE)
        driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-save-note]").click()
        wait.until(lambda d: f"メモ：{NOTE}" in _row_text(d, HOURS))
        assert driver.save_screenshot(str(screenshots / "kpi-note.png"))

        # Import a KPI CSV into the 資料 through the file input: its 19 rows join the grid.
        Select(driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-filter-findings]")).select_by_value("")
        csv = repo_root / "assets" / "demo" / "kpi" / "kpi_r4_results_2-1.csv"
        driver.execute_script(
            "window.__errs = []; window.addEventListener('error', (e) => window.__errs.push(String(e.message)));"
            "window.addEventListener('unhandledrejection', (e) => window.__errs.push(String(e.reason)));"
        )
        driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-import]").send_keys(str(csv))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=kpi-import-report]"))
        assert "19行を取り込みました" in driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-import-report]").text
        try:
            WebDriverWait(driver, 10).until(lambda d: _count(d) == "92 / 92行")
        except Exception:
            raise AssertionError(f"{_count(driver)} {driver.execute_script('return window.__errs')}")
        finally:
            assert driver.save_screenshot(str(screenshots / "kpi-imported.png"))
    finally:
        driver.quit()

    # After a restart the note and the imported rows are still there.
    driver = start_app(tauri_driver.url, app_binary, height=900)
    try:
        wait = WebDriverWait(driver, 15)
        open_material(driver, wait, "資料２－２", "[data-testid=kpi-row]")
        try:
            wait.until(lambda d: _count(d) == "92 / 92行")
        except Exception:
            driver.save_screenshot(str(screenshots / "kpi-restart.png"))
            raise AssertionError(_count(driver))
        driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-search]").send_keys("総実労働")
        wait.until(lambda d: f"メモ：{NOTE}" in _row_text(d, HOURS))
        driver.find_element(By.CSS_SELECTOR, "[data-testid=kpi-back]").click()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=kpi-screen]"))
    finally:
        driver.quit()
