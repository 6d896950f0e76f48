"""差し替え from the app: the demo exported as 「事前送付」 with 「配付版として記録」 ticked, a 資料 renamed on the 次第
editor, the 差し替え panel (opened from the export panel) lists that change, and the set it writes is stamped; then
the whole packet again with 「（令和５年６月２日差替え）」 on the changed 資料, chosen by keyboard.
Prints the time to show the report and to write the set."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import AppSession, report, row_action

TIMEOUT_S = 120
NEW_TITLE = "情報セキュリティポリシーの改正について"


def _testid(driver: WebDriver, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")


def _material(driver: WebDriver, label: str):
    return next(
        m
        for m in driver.find_elements(By.CSS_SELECTOR, "[data-testid=outline-material]")
        if m.find_element(By.CSS_SELECTOR, ".material-label").get_attribute("textContent").strip() == label
    )


def test_distribute_the_demo_change_a_title_and_write_the_replacements(
    app: AppSession, tauri_driver: TauriDriver, repo_root: Path
) -> None:
    shots = repo_root / "target" / "e2e-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)

    # 事前送付: the packet exported with the tick; the report says it was recorded.
    _testid(driver, "open-export").click()
    wait.until(lambda d: _testid(d, "export-panel"))
    _testid(driver, "allow-empty").click()
    _testid(driver, "record-distribution").click()
    assert _testid(driver, "distribution-name").get_attribute("value") == "事前送付"
    wait.until(lambda d: _testid(d, "export-start").is_enabled())
    _testid(driver, "export-start").click()
    recorded = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-recorded]"))[0]
    assert "事前送付" in recorded.text, recorded.text
    assert driver.save_screenshot(str(shots / "export-distribution.png"))
    # Esc once the run is over (the preview's bytes still load after the report shows).
    wait.until(lambda d: _testid(d, "export-start").is_enabled())
    _testid(driver, "export-panel").send_keys(Keys.ESCAPE)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=export-panel]"))

    # A department renames 資料３－１.
    row_action(driver, _material(driver, "資料３－１"), "rename-material")
    field = wait.until(lambda d: _testid(d, "material-title-edit"))
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(NEW_TITLE, Keys.ENTER)
    wait.until(
        lambda d: _material(d, "資料３－１")
        .find_element(By.CSS_SELECTOR, ".material-title")
        .get_attribute("textContent")
        .strip()
        == NEW_TITLE
    )

    # The 差し替え panel from the export panel: against 事前送付, the 資料 and the 次第 that lists its title.
    _testid(driver, "open-export").click()
    wait.until(lambda d: _testid(d, "open-changes").is_enabled())
    pressed = time.monotonic()
    _testid(driver, "open-changes").click()
    changes = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=change]"))
    shown_s = time.monotonic() - pressed
    texts = [c.text for c in changes]
    assert len(changes) == 2 and texts[0].startswith("修正 次第"), texts
    assert "修正" in texts[1] and "資料３－１" in texts[1] and NEW_TITLE in texts[1] and "配付時" in texts[1], texts
    # The title as a 新旧 row: the new one with its changed 字句 underlined.
    new = changes[1].find_element(By.CSS_SELECTOR, "[data-testid=detail-new]")
    assert new.text == NEW_TITLE and new.find_elements(By.CSS_SELECTOR, "u"), new.get_attribute("innerHTML")
    assert driver.save_screenshot(str(shots / "changes.png"))
    # The date as 2023/06/05 whatever the locale (the shell's today), not <input type=date>.
    date = _testid(driver, "changes-date")
    wait.until(lambda d: re.fullmatch(r"\d{4}/\d{2}/\d{2}", date.get_attribute("value") or ""))
    assert date.get_attribute("type") == "text"

    pressed = time.monotonic()
    _testid(driver, "replacements-start").click()
    done = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=replacements-report]"))[0]
    written_s = time.monotonic() - pressed
    report(f"e2e 差し替え: report shown {shown_s:.2f} s after 差し替え…, set written {written_s:.2f} s after 書き出す")
    pdf = Path(_testid(driver, "replacements-path").get_attribute("value"))
    assert pdf.parent == tauri_driver.export_dir and pdf.is_file(), pdf
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "差し替え資料一覧" in text and "差替え" in text and NEW_TITLE in text, text[:400]
    assert "差し替え（" in done.text and "として記録しました" in done.text, done.text

    # Esc closes the panel and gives the focus back to the button that opened it.
    _testid(driver, "changes-panel").send_keys(Keys.ESCAPE)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=changes-panel]"))
    wait.until(lambda d: d.execute_script("return document.activeElement?.dataset.testid") == "open-changes")

    # The whole packet again, 資料３－１ marked on its first page: the choice walked by keyboard.
    _testid(driver, "allow-empty").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=mark-revised]"))[0].click()
    since = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=revised-since]"))[0]
    assert since.get_attribute("value") == "事前送付", "the latest whole packet, not the 差し替え set"
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.execute_script("return document.activeElement?.dataset.testid") == "revised-since"
    driver.switch_to.active_element.send_keys(Keys.TAB)
    field = driver.switch_to.active_element
    assert field.get_attribute("data-testid") == "revised-date"
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("2023/6/2", Keys.ENTER)
    wait.until(lambda d: _testid(d, "revised-date-day").text == "令和５年６月２日（金）")
    assert field.get_attribute("value") == "2023/06/02"
    _testid(driver, "export-start").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))
    again = Path(_testid(driver, "export-path").get_attribute("value"))
    text = subprocess.run(["pdftotext", str(again), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("（令和５年６月２日差替え）") == 1, "資料３－１ only, once"
