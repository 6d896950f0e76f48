"""The secretariat's whole path through the window: a new meeting, agenda items named, a text 資料 added by
pasting, 資料 numbers following a reorder, the text opened again, a 資料 deleted and brought back with undo,
and the packet exported and read back with pdftotext. Screenshots of each screen go to target/e2e-screenshots/."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from conftest import TauriDriver
from harness import AppSession, agenda_row, report, row_action

TIMEOUT_S = 60
BUDGET_TEXT = "令和６年度予算案の概要\n一般会計の総額は前年度比で増加しています。"


def _rows(driver: WebDriver) -> list[tuple[str, str, str]]:
    return driver.execute_script(
        """
        return [...document.querySelectorAll('[data-testid=agenda-row]')].map((row) => [
          row.dataset.itemId,
          row.querySelector('[data-testid=row-label]').textContent.trim(),
          (row.querySelector('[data-testid=row-title]') || row.querySelector('input')).textContent.trim(),
        ]);
        """
    )


def _materials(driver: WebDriver) -> dict[str, str]:
    """資料 title → label, as the outline shows them."""
    return driver.execute_script(
        """
        const out = {};
        for (const m of document.querySelectorAll('[data-testid=outline-material]')) {
          out[m.querySelector('.material-title').textContent.trim()] = m.querySelector('.material-label').textContent.trim();
        }
        return out;
        """
    )


def _in_row(driver: WebDriver, item_id: str, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid=agenda-row][data-item-id="{item_id}"] [data-testid={testid}]')


def _painted(driver: WebDriver) -> None:
    """Waits two frames, so a screenshot shows what the DOM already holds."""
    driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]));")


def _testid(driver: WebDriver, testid: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={testid}]")


def _item(driver: WebDriver, title: str) -> str:
    return next(i for i, _, t in _rows(driver) if t == title)


def _rename(driver: WebDriver, wait: WebDriverWait, item_id: str, title: str) -> None:
    _in_row(driver, item_id, "row-title").click()
    field = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=item-title-input]"))
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(title)
    field.send_keys(Keys.ENTER)
    wait.until(lambda d: any(t == title for _, _, t in _rows(d)))


def _add_text_material(driver: WebDriver, wait: WebDriverWait, item_id: str, title: str, text: str, shot: Path | None) -> None:
    row_action(driver, agenda_row(driver, item_id), "add-material")
    wait.until(lambda d: _testid(d, "add-material-dialog"))
    _testid(driver, "material-title-input").send_keys(title)
    # Pasted text arrives in one piece, newlines included, as a paste would put it.
    driver.execute_script(
        """
        const area = document.querySelector('[data-testid=material-text-input]');
        area.value = arguments[0];
        area.dispatchEvent(new Event('input', { bubbles: true }));
        """,
        text,
    )
    if shot is not None:
        assert driver.save_screenshot(str(shot))
    _testid(driver, "material-add-submit").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=add-material-dialog]"))
    wait.until(lambda d: title in _materials(d))


def test_new_meeting_to_printed_packet(app: AppSession, tauri_driver: TauriDriver, repo_root: Path) -> None:
    shots = repo_root / "target" / "e2e-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: len(_rows(d)) >= 5)

    # A new meeting: 開会 / 議題 / 閉会.
    _testid(driver, "new-meeting").click()
    wait.until(lambda d: [(label, title) for _, label, title in _rows(d)] == [("１", "開会"), ("２", "議題"), ("３", "閉会")])
    agenda = _item(driver, "議題")

    row_action(driver, agenda_row(driver, agenda), "add-child")
    wait.until(lambda d: any(t == "新しい項目" for _, _, t in _rows(d)))
    _rename(driver, wait, _item(driver, "新しい項目"), "予算の審議")
    row_action(driver, agenda_row(driver, agenda), "add-child")
    wait.until(lambda d: any(t == "新しい項目" for _, _, t in _rows(d)))
    _rename(driver, wait, _item(driver, "新しい項目"), "報告事項")
    budget, reports = _item(driver, "予算の審議"), _item(driver, "報告事項")
    labels = {i: label for i, label, _ in _rows(driver)}
    assert (labels[budget], labels[reports]) == ("(1)", "(2)"), labels

    _add_text_material(driver, wait, budget, "予算案", BUDGET_TEXT, shots / "add-material.png")
    _add_text_material(driver, wait, reports, "報告書", "報告の本文です。", None)
    assert _materials(driver) == {"予算案": "資料１－１", "報告書": "資料２－１"}
    shidai = _testid(driver, "shidai").text
    assert "予算の審議" in shidai and "資料１－１" in shidai

    # 報告事項 moved above 予算の審議: the 資料 numbers follow at once, in the outline and the preview.
    row_action(driver, agenda_row(driver, reports), "move-up")
    wait.until(lambda d: _materials(d) == {"予算案": "資料２－１", "報告書": "資料１－１"})
    _painted(driver)
    assert driver.save_screenshot(str(shots / "workflow-editor.png"))

    # The text 資料 opens in its editor with what was pasted.
    driver.find_element(
        By.CSS_SELECTOR, '[data-testid=outline-material] [data-testid=open-material]'
    ).click()
    body = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=text-material-body]"))
    wait.until(lambda d: body.get_attribute("value") == "報告の本文です。")
    assert driver.save_screenshot(str(shots / "text-material.png"))
    _testid(driver, "text-material-close").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=text-material-editor]"))

    # Deleting 報告書 asks first (予算案 stays 資料２－１: it belongs to (2)); undo brings 報告書 back.
    row_action(driver, _in_row(driver, reports, "outline-material"), "delete-material")
    _testid(driver, "confirm-delete-material-yes").click()
    wait.until(lambda d: _materials(d) == {"予算案": "資料２－１"})
    _testid(driver, "undo").click()
    wait.until(lambda d: _materials(d) == {"予算案": "資料２－１", "報告書": "資料１－１"})

    # The packet, through the export panel (SHIRYO_EXPORT_DIR answers the save dialog), read back.
    _testid(driver, "open-export").click()
    wait.until(lambda d: _testid(d, "export-panel"))
    pressed = time.monotonic()
    _testid(driver, "export-start").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))
    report(f"e2e workflow: new meeting packet exported {time.monotonic() - pressed:.2f} s after pressing 書き出す")
    pdfs = [p for p in tauri_driver.export_dir.iterdir() if p.suffix == ".pdf"]
    assert len(pdfs) == 1, pdfs
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    for expected in ("新しい会議", "次第", "予算の審議", "報告事項", "資料１－１", "資料２－１", "令和６年度予算案の概要", "報告の本文です。"):
        assert expected in flat, f"{expected} missing from the PDF:\n{text[:2000]}"
    # The 資料 come in agenda order: 報告書 (資料１－１) before 予算案 (資料２－１).
    assert flat.index("報告の本文です。") < flat.index("令和６年度予算案の概要")

    # That PDF, chosen in the file field, comes back in as a 資料 (read as bytes, checked by the backend), and
    # exported alone it is its own pages again.
    _testid(driver, "export-panel").find_element(By.XPATH, ".//button[normalize-space()='閉じる']").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=export-panel]"))
    closing = _item(driver, "閉会")
    row_action(driver, agenda_row(driver, closing), "add-material")
    wait.until(lambda d: _testid(d, "add-material-dialog"))
    _testid(driver, "material-kind-pdf").click()
    # The driver runs on this machine: the path is typed into the field as is (no upload through /se/file).
    driver.file_detector = UselessFileDetector()
    _testid(driver, "material-file-input").send_keys(str(pdfs[0]))
    wait.until(lambda d: _testid(d, "material-title-input").get_attribute("value") != "")
    _testid(driver, "material-title-input").send_keys(Keys.CONTROL, "a")
    _testid(driver, "material-title-input").send_keys("前回の資料")
    _testid(driver, "material-add-submit").click()
    wait.until(lambda d: _materials(d).get("前回の資料") == "資料３－１")
    pages_in = int(
        next(
            line.split()[1]
            for line in subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    driver.find_element(
        By.XPATH, "//*[@data-testid='outline-material'][.//*[normalize-space()='前回の資料']]//*[@data-testid='open-material']"
    ).click()
    wait.until(lambda d: _testid(d, "export-panel"))
    assert "資料３－１" in _testid(driver, "export-scope").find_element(By.CSS_SELECTOR, "option:checked").text
    _testid(driver, "export-start").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))
    single = next(p for p in tauri_driver.export_dir.iterdir() if p.name.startswith("資料３－１_"))
    info = subprocess.run(["pdfinfo", str(single)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:{' ' * 10}{pages_in}" in info or f"Pages: {pages_in}" in " ".join(info.split()), info


# Drags `source` onto `target` with the HTML5 drag events a mouse drag fires (WebDriver's own actions do not
# produce them in WebKit): the app's real handlers run, and the real backend does the move.
DRAG = """
const [source, target] = arguments;
const data = new DataTransfer();
const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
fire(source, 'dragstart');
fire(target, 'dragenter');
fire(target, 'dragover');
fire(target, 'drop');
fire(source, 'dragend');
"""


def test_drag_and_drop_and_the_other_kinds_of_material(app: AppSession, repo_root: Path) -> None:
    shots = repo_root / "target" / "e2e-screenshots"
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)
    rows = _rows(driver)
    second = next(i for i, label, _ in rows if label == "(2)")
    third = next(i for i, label, _ in rows if label == "(3)")
    materials = _materials(driver)
    first_of_two = next(t for t, label in materials.items() if label == "資料２－１")
    second_of_two = next(t for t, label in materials.items() if label == "資料２－２")

    # (3) dragged onto (2): it goes before it, and its 資料 become 資料２－….
    line = lambda item: driver.find_element(  # noqa: E731
        By.CSS_SELECTOR, f'[data-testid=agenda-row][data-item-id="{item}"] .line'
    )
    row = lambda item: driver.find_element(  # noqa: E731
        By.CSS_SELECTOR, f'[data-testid=agenda-row][data-item-id="{item}"]'
    )
    driver.execute_script(DRAG, row(third), line(second))
    wait.until(lambda d: {i: label for i, label, _ in _rows(d)}[third] == "(2)")
    wait.until(lambda d: _materials(d)[first_of_two] == "資料３－１")

    # A 資料 dragged onto the one before it swaps their numbers.
    material = lambda title: next(  # noqa: E731
        m
        for m in driver.find_elements(By.CSS_SELECTOR, "[data-testid=outline-material]")
        if m.find_element(By.CSS_SELECTOR, ".material-title").get_attribute("textContent").strip() == title
    )
    driver.execute_script(DRAG, material(second_of_two), material(first_of_two))
    wait.until(lambda d: _materials(d)[second_of_two] == "資料３－１" and _materials(d)[first_of_two] == "資料３－２")

    # A new 新旧対照表 opens its own screen; back on the 次第 it is listed, empty, and the check says so.
    on_three = sum(1 for label in _materials(driver).values() if label.startswith("資料３－"))
    expected = "資料３－" + str(on_three + 1).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    # After the move that row sits at the bottom edge of the 1366×768 window: scroll to it as a person would.
    row_action(driver, agenda_row(driver, second), "add-material")
    wait.until(lambda d: _testid(d, "add-material-dialog"))
    _testid(driver, "material-title-input").send_keys("条例の一部改正")
    _testid(driver, "material-kind-shinkyu").click()
    _testid(driver, "material-add-submit").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=shinkyu-screen]"))
    assert not _testid(driver, "editor").is_displayed(), "the 次第 editor is hidden under the 新旧 screen"
    _testid(driver, "shinkyu-back").click()
    wait.until(lambda d: _testid(d, "editor").is_displayed())
    assert _materials(driver)["条例の一部改正"] == expected
    problems = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "[data-testid=check-problem]")]
    assert any(expected in p and "内容がありません" in p for p in problems), problems
    _painted(driver)
    assert driver.save_screenshot(str(shots / "workflow-check.png"))


def test_the_readme_walkthrough_on_the_demo_meeting(app: AppSession, tauri_driver: TauriDriver) -> None:
    """README「The demo packet with a new item and a new 資料, step by step」, as written there."""
    driver = app.driver
    driver.set_window_size(1366, 768)
    wait = WebDriverWait(driver, TIMEOUT_S)
    wait.until(lambda d: "資料３－３" in _testid(d, "shidai").text)
    agenda = _item(driver, "議題")
    row_action(driver, agenda_row(driver, agenda), "add-child")
    wait.until(lambda d: any(label == "(4)" and t == "新しい項目" for _, label, t in _rows(d)))
    _rename(driver, wait, _item(driver, "新しい項目"), "今後の進め方について")
    added = _item(driver, "今後の進め方について")
    _add_text_material(driver, wait, added, "追加資料", "今後の進め方（案）\n第一に、…", None)
    assert _materials(driver)["追加資料"] == "資料４－１"
    assert "資料４－１" in _testid(driver, "shidai").text

    problems = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "[data-testid=check-problem]")]
    assert len(problems) == 1 and "資料１－２" in problems[0], problems

    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.CONTROL, "e")
    wait.until(lambda d: _testid(d, "export-panel"))
    _testid(driver, "allow-empty").click()
    _testid(driver, "export-start").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=export-report]"))
    pdf = next(p for p in tauri_driver.export_dir.iterdir() if p.suffix == ".pdf")
    flat = "".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for expected in ("(4)今後の進め方について", "【資料４－１】追加資料", "今後の進め方（案）", "（別途配付）"):
        assert expected in flat, expected
