"""The 次第 editor: add an agenda item, move one, see the numbers and 資料 labels change, and find it all
again after restarting the app on the same workspace."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import agenda_row, row_action, start_app

TIMEOUT_S = 60




def _rows(driver: WebDriver) -> list[tuple[str, str, str]]:
    """(item id, label, title) of every outline row."""
    return driver.execute_script(
        """
        return [...document.querySelectorAll('[data-testid=agenda-row]')].map((row) => [
          row.dataset.itemId,
          row.querySelector('[data-testid=row-label]').textContent.trim(),
          (row.querySelector('[data-testid=row-title]') || row.querySelector('input')).textContent.trim(),
        ]);
        """
    )


def _material_labels(driver: WebDriver, item_id: str) -> list[str]:
    return driver.execute_script(
        """
        const row = document.querySelector(`[data-testid=agenda-row][data-item-id="${arguments[0]}"]`);
        return row ? [...row.querySelectorAll('[data-testid=outline-material] .material-label')]
          .map((e) => e.textContent.trim()) : [];
        """,
        item_id,
    )


def _preview(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "[data-testid=shidai]").text


def _row_button(driver: WebDriver, item_id: str, testid: str) -> None:
    row_action(driver, agenda_row(driver, item_id), testid)


def test_adding_and_moving_agenda_items_renumbers_and_persists(
    tauri_driver: TauriDriver, app_binary: Path, repo_root: Path
) -> None:
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    driver = start_app(tauri_driver.url, app_binary)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        wait.until(lambda d: len(_rows(d)) >= 5 and "資料３－３" in _preview(d))
        rows = _rows(driver)
        agenda_id = next(i for i, label, title in rows if label == "２" and title == "議題")
        second = next(i for i, label, _ in rows if label == "(2)")
        third = next(i for i, label, _ in rows if label == "(3)")
        third_before = _material_labels(driver, third)
        assert third_before and all(label.startswith("資料３－") for label in third_before), third_before
        assert "(4)" not in _preview(driver)

        # A new item under 議題 becomes (4).
        _row_button(driver, agenda_id, "add-child")
        wait.until(lambda d: any(label == "(4)" and title == "新しい項目" for _, label, title in _rows(d)))
        wait.until(lambda d: "新しい項目" in _preview(d) and "(4)" in _preview(d))

        # (3) moved above (2): its 資料 become 資料２－…, those of the old (2) become 資料３－….
        _row_button(driver, third, "move-up")
        wait.until(lambda d: all(label.startswith("資料２－") for label in _material_labels(d, third)))
        assert all(label.startswith("資料３－") for label in _material_labels(driver, second))
        labels = {i: label for i, label, _ in _rows(driver)}
        assert labels[third] == "(2)" and labels[second] == "(3)", labels
        assert driver.save_screenshot(str(screenshots / "editor.png"))
    finally:
        driver.quit()

    # The same workspace after a restart shows the edits: they were saved as they were made.
    driver = start_app(tauri_driver.url, app_binary)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        wait.until(lambda d: any(title == "新しい項目" for _, _, title in _rows(d)))
        labels = {i: label for i, label, _ in _rows(driver)}
        assert labels[third] == "(2)" and labels[second] == "(3)", labels
        assert all(label.startswith("資料２－") for label in _material_labels(driver, third))
        assert "(4)" in _preview(driver)
        assert driver.save_screenshot(str(screenshots / "editor-after-restart.png"))
    finally:
        driver.quit()
