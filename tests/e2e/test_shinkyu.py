"""The 新旧対照表 screen: open the demo's 資料３－２ from the 次第 editor, load the old and new texts as files,
see 要綱 underlined, switch the headings preset, omit a row, and find the edit again after a restart; then take
in a department's Word 新旧対照表 with planted errors and find them on the screen and in 印刷前の確認."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import open_material, start_app

TIMEOUT_S = 60






def _row_kind(driver: WebDriver, path: str) -> str | None:
    """The kind of the row whose cells show a provision of this path (data-kind)."""
    return driver.execute_script(
        """
        const rows = [...document.querySelectorAll('[data-testid=shinkyu-row]')];
        const row = rows.find((r) => r.textContent.includes(arguments[0]));
        return row ? row.dataset.kind : null;
        """,
        path,
    )


def _marks(driver: WebDriver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('[data-testid=shinkyu-table] u')].map((u) => u.textContent);"
    )


def _heading(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-heading-left]").text


def test_loading_texts_shows_underlines_presets_and_persistent_row_edits(
    tauri_driver: TauriDriver, app_binary: Path, repo_root: Path
) -> None:
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    texts = repo_root / "assets" / "demo" / "shinkyu"
    driver = start_app(tauri_driver.url, app_binary, height=900)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        open_material(driver, wait, "資料３－２", "[data-testid=shinkyu-table]")
        assert _heading(driver) == "新"

        # Load the two texts as files, as a person would choose them.
        driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-input-old]").send_keys(
            str(texts / "policy_old.txt")
        )
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-file-old]").text == "policy_old.txt")
        driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-input-new]").send_keys(
            str(texts / "policy_new.txt")
        )
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-file-new]").text == "policy_new.txt")

        # 要領 → 要綱 of 第2部 第2 ９ (2) is underlined (a <u>, not a colour).
        wait.until(lambda d: "綱" in _marks(d) and "領" in _marks(d))
        assert _row_kind(driver, "監査実施要綱") == "changed"
        assert driver.save_screenshot(str(screenshots / "shinkyu.png"))

        # Switch the preset: the headings follow.
        preset = driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-preset]")
        preset.find_element(By.CSS_SELECTOR, "option[value=kaisei]").click()
        wait.until(lambda d: _heading(d) == "改正後")

        # Omit the row of 第2部 第2 ９ (2).
        row = driver.execute_script(
            """
            return [...document.querySelectorAll('[data-testid=shinkyu-row]')]
              .find((r) => r.textContent.includes('監査実施要綱'));
            """
        )
        row.click()
        key = row.get_attribute("data-key")
        driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-omit]").click()
        # The row has an amendment: making it （略） asks first, in a focused dialog in view.
        question = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=confirm-omit]"))
        assert "改正があります" in question.text and "印刷されません" in question.text, question.text
        assert driver.execute_script(
            "return arguments[0].contains(document.activeElement)", question
        ), "the question has the focus"
        assert driver.save_screenshot(str(screenshots / "shinkyu-omit-question.png"))
        driver.find_element(By.CSS_SELECTOR, "[data-testid=confirm-omit-yes]").click()
        wait.until(
            lambda d: d.execute_script(
                "return document.querySelector(`[data-testid=shinkyu-row][data-key=\"${arguments[0]}\"]`)"
                "?.dataset.kind;",
                key,
            )
            == "omitted"
        )
        assert driver.save_screenshot(str(screenshots / "shinkyu-edited.png"))

        # Back on the 次第, 印刷前の確認 lists it.
        driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-back]").click()
        entry = wait.until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=check-problem][data-code=omitted_change]")
        )[0]
        assert "改正のある行を（略）にしています" in entry.text, entry.text
        assert "資料３－２" in entry.text, entry.text
        assert driver.save_screenshot(str(screenshots / "check-omitted-change.png"))
    finally:
        driver.quit()

    # After a restart the preset and the omitted row are still there: both were saved as they were made.
    driver = start_app(tauri_driver.url, app_binary, height=900)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        open_material(driver, wait, "資料３－２", "[data-testid=shinkyu-table]")
        wait.until(lambda d: _heading(d) == "改正後")
        kind = driver.execute_script(
            "return document.querySelector(`[data-testid=shinkyu-row][data-key=\"${arguments[0]}\"]`)?.dataset.kind;",
            key,
        )
        assert kind == "omitted", kind
        assert "監査実施要綱" not in driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-table]").text

        # A received 新旧対照表 (Word) with three planted errors replaces the table: its rows as they stand, the
        # findings named by row on the screen and, back on the 次第, in 印刷前の確認.
        received = repo_root / "tests" / "fixtures" / "docx" / "received-table" / "planted.docx"
        driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-input-received]").send_keys(str(received))
        findings = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=shinkyu-finding]"))
        rows = [f.get_attribute("data-row") for f in findings]
        assert rows == ["2", "6", "8"], rows
        assert "2行目" in findings[0].text and "情報通信技術" in findings[0].text, findings[0].text
        assert "planted.docx" in driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-received-file]").text
        assert len(driver.find_elements(By.CSS_SELECTOR, "[data-testid=shinkyu-row]")) == 8
        assert driver.save_screenshot(str(screenshots / "shinkyu-received.png"))
        driver.find_element(By.CSS_SELECTOR, "[data-testid=shinkyu-back]").click()
        entries = wait.until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=check-problem][data-code=received_table]")
        )
        assert len(entries) == 3, [e.text for e in entries]
        assert "資料３－２" in entries[0].text and "2行目" in entries[0].text, entries[0].text
    finally:
        driver.quit()
