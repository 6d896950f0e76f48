"""Office files from the window: a .docx chosen in the 資料 dialog is converted by LibreOffice in the backend
(progress shown), becomes 資料３－４, and its pages are in the export preview with our label; 印刷前の確認 says its
Windows fonts were replaced. Without LibreOffice the dialog says what to install and offers PDF and text."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import AppSession, report, row_action
from test_export import CANVAS_INKED

TIMEOUT_S = 120


def _testid(driver: WebDriver, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")


def _open_dialog_on(driver: WebDriver, wait: WebDriverWait, label: str) -> None:
    row = next(
        r
        for r in driver.find_elements(By.CSS_SELECTOR, "[data-testid=agenda-row]")
        if r.find_element(By.CSS_SELECTOR, "[data-testid=row-label]").text.strip() == label
    )
    # The row's ＋資料 button, or its ⋯ menu entry when the column is too narrow to show the buttons.
    row_action(driver, row, "add-material")
    wait.until(lambda d: _testid(d, "add-material-dialog"))


def _materials(driver: WebDriver) -> dict[str, str]:
    return driver.execute_script(
        """
        const out = {};
        for (const m of document.querySelectorAll('[data-testid=outline-material]')) {
          out[m.querySelector('.material-title').textContent.trim()] = m.querySelector('.material-label').textContent.trim();
        }
        return out;
        """
    )


def test_a_docx_added_in_the_dialog_is_converted_and_its_pages_are_in_the_export_preview(
    app: AppSession, tauri_driver: TauriDriver, repo_root: Path
) -> None:
    driver = app.driver
    driver.set_window_size(1366, 900)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)

    _open_dialog_on(driver, wait, "(3)")
    _testid(driver, "material-kind-office").click()
    driver.file_detector = UselessFileDetector()
    docx = repo_root / "tests" / "fixtures" / "office" / "hoshin.docx"
    _testid(driver, "material-file-input").send_keys(str(docx))
    wait.until(lambda d: _testid(d, "material-title-input").get_attribute("value") == "hoshin")
    title = _testid(driver, "material-title-input")
    title.clear()
    title.send_keys("デジタル変革推進方針（案）")
    pressed = time.monotonic()
    _testid(driver, "material-add-submit").click()
    # The progress line names the label the 資料 will have.
    progress = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=office-progress]"))[0]
    assert "変換中…" in progress.text, progress.text
    assert driver.save_screenshot(str(screenshots / "office-converting.png"))
    wait.until(lambda d: _materials(d).get("デジタル変革推進方針（案）") == "資料３－４")
    report(f"e2e office: .docx converted and added {time.monotonic() - pressed:.2f} s after pressing 変換して追加")

    # 印刷前の確認: its ＭＳ 明朝 / ＭＳ ゴシック were replaced on this machine.
    problems = wait.until(
        lambda d: [p.text for p in d.find_elements(By.CSS_SELECTOR, "[data-testid=check-problem]") if "資料３－４" in p.text]
    )
    assert "ＭＳ 明朝" in problems[0] and "改行" in problems[0], problems

    _testid(driver, "open-export").click()
    wait.until(lambda d: _testid(d, "export-panel"))
    scope = Select(_testid(driver, "export-scope"))
    scope.select_by_visible_text(next(o.text for o in scope.options if o.text.startswith("資料３－４")))
    _testid(driver, "export-start").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))
    pdf = next(p for p in tauri_driver.export_dir.iterdir() if p.name.startswith("資料３－４_"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "資料３－４" in text and "オンライン申請率" in text and "庁内の文書事務を電子化する。" in text, text
    wait.until(lambda d: d.execute_script(CANVAS_INKED, 1))
    assert "1 / 1 ページ" in _testid(driver, "pdf-page-number").text
    assert driver.save_screenshot(str(screenshots / "office-preview.png"))


@pytest.mark.app_env(SHIRYO_SOFFICE="/nonexistent/soffice")
def test_without_libreoffice_the_dialog_says_what_to_install_and_offers_pdf_and_text(app: AppSession) -> None:
    driver = app.driver
    driver.set_window_size(1366, 900)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)
    _open_dialog_on(driver, wait, "(3)")
    _testid(driver, "material-kind-office").click()
    missing = wait.until(lambda d: _testid(d, "office-missing"))
    assert "libreoffice-writer-nogui" in missing.text and "インストーラー" in missing.text, missing.text
    assert not _testid(driver, "material-add-submit").is_enabled()
    _testid(driver, "office-use-pdf").click()
    assert _testid(driver, "material-kind-pdf").is_selected()
