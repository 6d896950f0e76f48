"""The desktop app opens on the demo meeting and shows its 次第 like the first page of the packet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.wait import WebDriverWait

from harness import AppSession, app_process_pss_kib, report

TIMEOUT_S = 60
# Tall enough for the whole 次第 of the demo; run.sh makes the Xvfb screen taller still.
PAGE_WINDOW_HEIGHT = 1900
# True once the window has grown enough to show the whole 次第 element (the resize is asynchronous).
PAGE_FITS_SCRIPT = """
const page = arguments[0];
page.scrollIntoView({ block: "start" });
return page.getBoundingClientRect().bottom <= window.innerHeight;
"""

EXPECTED_TEXT = [
    "福島県行財政改革推進本部・",
    "福島県デジタル社会形成推進本部合同会議",
    "次第",
    "令和５年６月５日（月）",
    "※午前９時からの部長会議終了後",
    "危機管理センター",
    "(1)",
    "(2)",
    "(3)",
    "閉会",
]

MATERIAL_LABELS = (
    "資料１－１ 資料１－２ 資料２－１ 資料２－２ 資料２－３ 資料２－４ 資料２－５ 資料３－１ 資料３－２ 資料３－３"
).split()


def _meeting_items(driver: WebDriver) -> list[WebElement] | bool:
    items = driver.find_elements(By.CSS_SELECTOR, "[data-testid=meeting-list] [data-testid=meeting-item]")
    return items if items and items[0].is_displayed() else False


def test_the_demo_meeting_opens_on_its_shidai(app: AppSession, repo_root: Path) -> None:
    driver = app.driver
    wait = WebDriverWait(driver, TIMEOUT_S)

    items = wait.until(_meeting_items)
    window_ready_s = time.monotonic() - app.requested_at
    assert isinstance(items, list)
    first = items[0]
    assert first.get_attribute("aria-current") == "true", "the first meeting is selected at start"
    first.click()

    shidai = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid=shidai]")))
    wait.until(lambda _: "資料３－３" in shidai.text)
    text = shidai.text

    missing = [part for part in EXPECTED_TEXT + MATERIAL_LABELS if part not in text]
    assert not missing, f"missing {missing} in the 次第:\n{text}"
    assert first.get_attribute("aria-current") == "true"
    assert app.workspace.is_file(), "the app created the demo workspace where SHIRYO_WORKSPACE points"

    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(screenshots / "shidai.png"))

    # Measured in the default window (1280x720, fits a 1366x768 screen), before the tall screenshot below.
    processes = app_process_pss_kib(app)
    total_mb = sum(kib for _, kib in processes) / 1024
    report(f"e2e: window-ready {window_ready_s:.2f} s, PSS {total_mb:.1f} MB (app+webkit)")
    report("e2e: PSS by process: " + ", ".join(f"{name} {kib / 1024:.1f} MB" for name, kib in processes))

    # The whole page in a tall window (an element screenshot only paints what the window first showed).
    driver.set_window_size(1280, PAGE_WINDOW_HEIGHT)
    wait.until(lambda d: d.execute_script(PAGE_FITS_SCRIPT, shidai))
    assert driver.save_screenshot(str(screenshots / "shidai-page.png"))



@pytest.mark.workspace_bytes("議事録メモ\n".encode())
def test_a_file_that_is_no_workspace_opens_the_window_with_a_japanese_error(
    app: AppSession, repo_root: Path
) -> None:
    alert = WebDriverWait(app.driver, TIMEOUT_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "[data-testid=error]"))
    )
    assert alert.get_attribute("data-code") == "not_a_workspace"
    assert "このファイルは Shiryo のワークスペースではありません。" in alert.text
    assert "e2e.shiryo" in alert.text, "the backend's message names the file"
    assert app.workspace.read_bytes() == "議事録メモ\n".encode(), "the file is left as it was"
    screenshots = repo_root / "target" / "e2e-screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    assert app.driver.save_screenshot(str(screenshots / "not-a-workspace.png"))
