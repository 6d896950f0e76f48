"""Office files from the window: a .docx chosen in the 資料 dialog is converted by LibreOffice in the backend
(progress shown), becomes 資料３－４, and its pages are in the export preview with our label; 印刷前の確認 says its
Windows fonts were replaced. An .odt, an .xlsx and a .pptx follow through the same dialog and print in the packet. Without LibreOffice the dialog says what to install and offers PDF and text."""

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

    driver.file_detector = UselessFileDetector()

    def add(file: str, title_text: str, label: str) -> float:
        _open_dialog_on(driver, wait, "(3)")
        _testid(driver, "material-kind-office").click()
        _testid(driver, "material-file-input").send_keys(str(repo_root / "tests" / "fixtures" / "office" / file))
        stem = Path(file).stem
        wait.until(lambda d: _testid(d, "material-title-input").get_attribute("value") == stem)
        title = _testid(driver, "material-title-input")
        title.clear()
        title.send_keys(title_text)
        pressed = time.monotonic()
        _testid(driver, "material-add-submit").click()
        if label == "資料３－４":
            # The progress line names the label the 資料 will have.
            progress = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=office-progress]"))[0]
            assert "変換中…" in progress.text, progress.text
            assert driver.save_screenshot(str(screenshots / "office-converting.png"))
        wait.until(lambda d: _materials(d).get(title_text) == label)
        return time.monotonic() - pressed

    took = add("hoshin.docx", "デジタル変革推進方針（案）", "資料３－４")
    report(f"e2e office: .docx converted and added {took:.2f} s after pressing 変換して追加")
    # The other three kinds the issue names, each through the same dialog: an OpenDocument text, a workbook
    # with a print area and a hidden sheet, two slides.
    for file, title_text, label in [
        ("keikaku.odt", "情報セキュリティ対策実施計画", "資料３－５"),
        ("jigyo.xlsx", "事業一覧", "資料３－６"),
        ("gaiyo.pptx", "ＤＸ推進計画の概要", "資料３－７"),
    ]:
        took = add(file, title_text, label)
        report(f"e2e office: {Path(file).suffix} converted and added {took:.2f} s after pressing 変換して追加")

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

    # The whole packet: each converted 資料's text on a page carrying its label; nothing outside the workbook's
    # print area and nothing of its hidden sheet.
    scope.select_by_index(0)
    # The demo has a 資料 without content: the packet prints it as 「（別途配付）」.
    if not _testid(driver, "allow-empty").is_selected():
        _testid(driver, "allow-empty").click()
    wait.until(lambda d: _testid(d, "export-start").is_enabled())
    before = set(tauri_driver.export_dir.iterdir())
    _testid(driver, "export-start").click()
    packet = wait.until(lambda d: [p for p in tauri_driver.export_dir.iterdir() if p not in before and p.suffix == ".pdf"])[0]
    wait.until(lambda d: packet.stat().st_size > 0 and d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))
    pages = subprocess.run(["pdftotext", "-layout", str(packet), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for needle, label in [
        ("この計画は、情報資産を脅威から守るための対策を定める。", "資料３－５"),
        ("電子申請推進事業", "資料３－６"),
        ("行政手続のオンライン化と人材育成", "資料３－７"),
    ]:
        page = next((p for p in pages if needle in p and "【資料３－" not in p), None)
        assert page is not None and label in page, (needle, label, page)
    assert not any("印刷範囲外" in p or "非表示シート" in p for p in pages)


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
