"""The workspace menu: deleting the demo meeting backs the workspace up first, the restore screen lists that
backup, and restoring it brings the meeting back (the window reloads on the restored file)."""

from __future__ import annotations

from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, NoSuchFrameException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import AppSession, start_app

TIMEOUT_S = 60
# The window reloads after a switch: elements found before it go stale while the waits poll.
# A script that runs while the window reloads on another workspace fails with "no such frame" (seen once in ~10 runs).
RELOADING = (NoSuchElementException, StaleElementReferenceException, NoSuchFrameException)


def _testid(driver, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")


def _meetings(driver) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-testid=meeting-item]")]


def test_restore_a_deleted_meeting_from_its_backup(app: AppSession, repo_root: Path) -> None:
    shots = repo_root / "target" / "e2e-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S, ignored_exceptions=RELOADING)
    wait.until(lambda d: any("合同会議" in m for m in _meetings(d)))
    assert _testid(driver, "workspace-file").get_attribute("textContent") == app.workspace.name
    assert "Ctrl+O" in _testid(driver, "open-workspace").get_attribute("title")

    _testid(driver, "delete-meeting").click()
    _testid(driver, "confirm-delete-meeting-yes").click()
    wait.until(lambda d: not any("合同会議" in m for m in _meetings(d)))

    _testid(driver, "open-restore").click()
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=backup-row]"))
    assert any("会議の削除の前" in r.text for r in rows), [r.text for r in rows]
    backups = sorted((app.workspace.parent / f"{app.workspace.name}.backups").glob("*.shiryo"))
    assert backups, "the backup is a real file beside the workspace"
    driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]));")
    assert driver.save_screenshot(str(shots / "restore.png"))
    next(r for r in rows if "会議の削除の前" in r.text).find_element(By.TAG_NAME, "button").click()
    _testid(driver, "confirm-restore").click()

    # The window reloads on the restored workspace: the meeting is back.
    wait.until(lambda d: any("合同会議" in m for m in _meetings(d)))
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid=restore-backups]")


def test_a_new_empty_workspace_and_back_through_the_recent_files(app: AppSession, tauri_driver: TauriDriver) -> None:
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S, ignored_exceptions=RELOADING)
    wait.until(lambda d: any("合同会議" in m for m in _meetings(d)))

    # 新規… (the save dialog answers in SHIRYO_EXPORT_DIR): an empty workspace, the window reloaded on it.
    _testid(driver, "new-workspace").click()
    created = tauri_driver.export_dir / "新しいワークスペース.shiryo"
    wait.until(lambda d: _testid(d, "workspace-file").get_attribute("textContent") == created.name)
    assert created.is_file()
    wait.until(lambda d: "会議が登録されていません" in d.find_element(By.CSS_SELECTOR, "nav.sidebar").text)
    assert not _meetings(driver)

    # The first workspace is in the recent files; choosing it switches back.
    driver.find_element(By.CSS_SELECTOR, "[data-testid=workspace-menu] details summary").click()
    item = wait.until(
        lambda d: next(
            (i for i in d.find_elements(By.CSS_SELECTOR, "[data-testid=recent-item]") if app.workspace.name in (i.get_attribute("textContent") or "")),
            None,
        )
    )
    item.find_element(By.CSS_SELECTOR, "button.link").click()
    wait.until(lambda d: _testid(d, "workspace-file").get_attribute("textContent") == app.workspace.name)
    wait.until(lambda d: any("合同会議" in m for m in _meetings(d)))




def test_a_damaged_workspace_is_restored_from_the_window(tauri_driver: TauriDriver, app_binary: Path, repo_root: Path) -> None:
    workspace = tauri_driver.workspace
    driver = start_app(tauri_driver.url, app_binary)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S, ignored_exceptions=RELOADING)
        wait.until(lambda d: any("合同会議" in m for m in _meetings(d)))
        # A backup to come back to: the one taken before deleting a meeting (then the delete is undone).
        _testid(driver, "delete-meeting").click()
        _testid(driver, "confirm-delete-meeting-yes").click()
        wait.until(lambda d: not any("合同会議" in m for m in _meetings(d)))
    finally:
        driver.quit()

    # The file is cut in half, as a failing disk or an interrupted copy would leave it.
    data = workspace.read_bytes()
    workspace.write_bytes(data[: len(data) // 2])

    driver = start_app(tauri_driver.url, app_binary)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S, ignored_exceptions=RELOADING)
        wait.until(lambda d: "破損" in d.find_element(By.CSS_SELECTOR, "main").text)
        driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]));")
        assert driver.save_screenshot(str(repo_root / "target" / "e2e-screenshots" / "damaged.png"))
        _testid(driver, "open-restore").click()
        rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=backup-row]"))
        next(r for r in rows if "会議の削除の前" in r.text).find_element(By.TAG_NAME, "button").click()
        _testid(driver, "confirm-restore").click()
        wait.until(lambda d: any("合同会議" in m for m in _meetings(d)))
        assert "破損" not in driver.find_element(By.CSS_SELECTOR, "main").text
    finally:
        driver.quit()
    # The damaged bytes were kept as a backup too.
    assert any("before-restore" in p.name for p in (workspace.parent / f"{workspace.name}.backups").iterdir())
