"""Fixtures that drive the real desktop binary through tauri-driver and WebKitWebDriver.

The app under test is target/debug/shiryo-desktop (override with SHIRYO_E2E_APP); it opens a fresh
workspace in a temporary folder, so it creates the demo meeting there.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from urllib3.exceptions import HTTPError

from harness import REPORT_LINES, AppSession, descendants, process_name

REPO_ROOT = Path(__file__).resolve().parents[2]
NATIVE_DRIVER = Path("/usr/bin/WebKitWebDriver")
DRIVER_START_TIMEOUT_S = 30.0


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "workspace_bytes(data): write these bytes to the workspace file before the app starts"
    )
    config.addinivalue_line("markers", "app_env(**vars): extra environment variables for the app (e.g. SHIRYO_SOFFICE)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in REPORT_LINES:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def app_binary() -> Path:
    binary = Path(os.environ.get("SHIRYO_E2E_APP", REPO_ROOT / "target" / "debug" / "shiryo-desktop"))
    if not binary.is_file():
        pytest.fail(f"{binary} is missing: run tests/e2e/run.sh, which builds it first")
    return binary.resolve()


def _tauri_driver_command() -> list[str]:
    found = shutil.which("tauri-driver")
    if found is None:
        cargo_bin = Path.home() / ".cargo" / "bin" / "tauri-driver"
        if not cargo_bin.is_file():
            pytest.fail("tauri-driver not found: cargo install tauri-driver --version 2.1.0 --locked")
        found = str(cargo_bin)
    return [found]


def _free_ports(count: int) -> list[int]:
    """Distinct ports that were free a moment ago (all held open together so none repeats)."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"tauri-driver exited early with status {process.returncode}", pytrace=False)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listened on port {port} within {timeout_s:.0f} s", pytrace=False)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _end_processes(processes: list[tuple[int, str]]) -> None:
    """SIGTERM each (pid, name) still running under the same name (a reused pid is left alone)."""
    for pid, name in processes:
        if name and process_name(pid) == name:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                continue


@dataclass
class TauriDriver:
    url: str
    process: subprocess.Popen[bytes]
    workspace: Path
    log: Path
    # SHIRYO_EXPORT_DIR of the app: its save dialogs answer with a file in this folder (WebDriver cannot drive them).
    export_dir: Path


@pytest.fixture()
def tauri_driver(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[TauriDriver]:
    """tauri-driver on free ports; the app it starts gets a fresh SHIRYO_WORKSPACE."""
    port, native_port = _free_ports(2)
    workspace = tmp_path / "e2e.shiryo"
    marker = request.node.get_closest_marker("workspace_bytes")
    if marker is not None:
        workspace.write_bytes(marker.args[0])
    export_dir = tmp_path / "exports"
    export_dir.mkdir()
    # A config folder of its own: the recent files list and the saved window size stay out of the user's.
    env = dict(
        os.environ,
        SHIRYO_WORKSPACE=str(workspace),
        SHIRYO_EXPORT_DIR=str(export_dir),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env_marker = request.node.get_closest_marker("app_env")
    if env_marker is not None:
        env.update({key: str(value) for key, value in env_marker.kwargs.items()})
    command = _tauri_driver_command() + ["--port", str(port), "--native-port", str(native_port)]
    if NATIVE_DRIVER.is_file():
        command += ["--native-driver", str(NATIVE_DRIVER)]
    log_path = tmp_path / "tauri-driver.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # tauri-driver listens at once but forwards to WebKitWebDriver, which takes a moment.
            _wait_for_port(port, process, DRIVER_START_TIMEOUT_S)
            _wait_for_port(native_port, process, DRIVER_START_TIMEOUT_S)
            yield TauriDriver(
                url=f"http://127.0.0.1:{port}",
                process=process,
                workspace=workspace,
                log=log_path,
                export_dir=export_dir,
            )
        finally:
            # The app and WebKitWebDriver are tauri-driver's children: end any it leaves behind.
            leftovers = [(pid, process_name(pid)) for pid in descendants(process.pid)]
            _stop(process)
            _end_processes(leftovers)


@pytest.fixture()
def app(tauri_driver: TauriDriver, app_binary: Path) -> Iterator[AppSession]:
    """A WebDriver session on the desktop binary; ending it closes the app."""
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": str(app_binary)})
    requested_at = time.monotonic()
    connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=tauri_driver.url))
    try:
        driver = webdriver.Remote(command_executor=connection, options=options)
    except (WebDriverException, HTTPError, OSError) as error:
        log = tauri_driver.log.read_text(errors="replace")
        pytest.fail(f"the app did not start: {error}\ntauri-driver log:\n{log}", pytrace=False)
    try:
        yield AppSession(
            driver=driver,
            requested_at=requested_at,
            tauri_driver_pid=tauri_driver.process.pid,
            binary=app_binary,
            workspace=tauri_driver.workspace,
        )
    finally:
        driver.quit()
