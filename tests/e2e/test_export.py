"""Export from the app: the checks name the demo's empty 資料, the packet is written to the folder the (test)
save dialog answers with, checked with pdftotext/pdfinfo, its pages are drawn inside the app by pdf.js, and a
cancelled export leaves no file. Prints the time from pressing the button to the finished packet."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import AppSession, report

TIMEOUT_S = 120

# True once the canvas shows page `arguments[0]` and has dark pixels (text drawn, not a blank sheet).
CANVAS_INKED = """
const canvas = document.querySelector('[data-testid=pdf-canvas]');
if (!canvas || canvas.dataset.renderedPage !== String(arguments[0]) || canvas.width === 0) return false;
const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
let dark = 0;
for (let i = 0; i < data.length; i += 4) { if (data[i] < 100 && data[i + 3] > 0) dark++; }
return dark > 500;
"""


def _testid(driver: WebDriver, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")


def _pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".pdf")


def test_export_the_demo_packet_and_preview_it(app: AppSession, tauri_driver: TauriDriver, repo_root: Path) -> None:
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)

    # The integrity check beside the outline names the demo's empty 資料１－２ and jumps to its row, (1).
    problems = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=check-problem]"))
    assert len(problems) == 1 and "資料１－２" in problems[0].text, [p.text for p in problems]
    _testid(driver, "check-jump").click()
    wait.until(
        lambda d: d.execute_script(
            "const a = document.activeElement;"
            "return a && a.dataset.testid === 'agenda-row' ? a.querySelector('[data-testid=row-label]').textContent : null;"
        )
        == "(1)"
    )

    _testid(driver, "open-export").click()
    panel = wait.until(lambda d: _testid(d, "export-panel"))
    problems = _testid(driver, "export-problems").text
    assert "資料１－２" in problems and "内容がありません" in problems, problems
    start = _testid(driver, "export-start")
    assert not start.is_enabled(), "an empty 資料 must stop the export until （別途配付） is chosen"
    _testid(driver, "allow-empty").click()
    wait.until(lambda d: _testid(d, "export-start").is_enabled())

    pressed = time.monotonic()
    _testid(driver, "export-start").click()
    result = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))[0]
    seconds = time.monotonic() - pressed
    shown = _testid(driver, "export-elapsed").text
    report(f"e2e export: demo packet finished {seconds:.2f} s after pressing 書き出す (the app says {shown})")

    files = _pdfs(tauri_driver.export_dir)
    assert len(files) == 1, files
    pdf = files[0]
    assert pdf.name.startswith("令和５年６月５日_"), pdf.name
    assert _testid(driver, "export-path").get_attribute("value") == str(pdf)
    assert not [p for p in tauri_driver.export_dir.iterdir() if p.name.endswith(".tmp")]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert f"{pages} ページ" in result.text, result.text
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("次第", "危機管理センター", "資料３－２", "（別途配付）"):
        assert expected in text, expected
    assert "資料１－２" in _testid(driver, "export-warnings").text
    _testid(driver, "copy-path").click()
    wait.until(lambda d: _testid(d, "copy-path").text == "コピーしました")

    # The pages inside the app: page 1 drawn, then a jump to 資料３－１ draws a later page.
    wait.until(lambda d: d.execute_script(CANVAS_INKED, 1))
    assert f"1 / {pages} ページ" in _testid(driver, "pdf-page-number").text
    jump = Select(_testid(driver, "pdf-jump"))
    target = next(o for o in jump.options if o.text.startswith("資料３－１"))
    first_page = int(target.get_attribute("value"))
    assert first_page > 1
    jump.select_by_visible_text(target.text)
    wait.until(lambda d: d.execute_script(CANVAS_INKED, first_page))
    assert "資料３－１" in _testid(driver, "pdf-page-number").text
    assert driver.save_screenshot(str(screenshots / "export.png"))
    assert panel.is_displayed()

    # Cancelled right after it starts: a notice, and no second file (not even a temporary one).
    driver.execute_script(
        """
        document.querySelector('[data-testid=export-start]').click();
        const stop = () => {
          const cancel = document.querySelector('[data-testid=export-cancel]');
          if (cancel) cancel.click(); else setTimeout(stop, 5);
        };
        setTimeout(stop, 5);
        """
    )
    started = time.monotonic()
    notice = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-notice]"))[0]
    report(f"e2e export: cancelled {time.monotonic() - started:.2f} s after pressing 書き出す then 中止")
    assert "中止" in notice.text, notice.text
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]")
    # The print thread may still be drawing pages; once it is done it must not have written anything.
    time.sleep(3)
    assert [p.name for p in tauri_driver.export_dir.iterdir()] == [pdf.name]
