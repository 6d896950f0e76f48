"""The 表 資料 screen: open the demo's 資料２－３ from the 次第 editor, see its column list (the original's seven
columns ticked, the extract's working columns not), untick one as one undo step, undo it, and see the first page
as it will print."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import open_material, report, start_app

TIMEOUT_S = 60


def _ticked(driver) -> list[bool]:  # noqa: ANN001
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=table-print]')].map((b) => b.checked);"
    )


def test_the_table_screen_ticks_columns_as_undoable_steps_and_shows_the_print(
    tauri_driver: TauriDriver, app_binary: Path, repo_root: Path
) -> None:
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    driver = start_app(tauri_driver.url, app_binary, height=900)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        opened = open_material(driver, wait, "資料２－３", "[data-testid=table-column]")
        report(f"表 screen of 資料２－３ (140 rows): column list shown {opened:.2f} s after 「開く」")
        ticked = _ticked(driver)
        assert ticked[:7] == [True] * 7 and not any(ticked[7:]), ticked
        headings = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-testid=table-column] .heading")]
        assert "note" in headings and "part" in headings, headings
        # The preview draws the first page (a canvas from pdf.js).
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=table-preview] canvas"))

        driver.find_elements(By.CSS_SELECTOR, "[data-testid=table-print]")[0].click()
        wait.until(lambda d: _ticked(d)[0] is False)
        undo = driver.find_element(By.CSS_SELECTOR, "[data-testid=table-undo]")
        wait.until(lambda d: undo.is_enabled())
        assert driver.save_screenshot(str(screenshots / "table-screen.png"))
        undo.click()
        wait.until(lambda d: _ticked(d)[0] is True)
        driver.find_element(By.CSS_SELECTOR, "[data-testid=table-back]").click()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=table-screen]"))
    finally:
        driver.quit()
