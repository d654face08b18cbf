"""A JupyterLab server on 127.0.0.1 for the browser tests, started and stopped by them, and
a headless Chromium driven by selenium (Debian's chromium and chromium-driver)."""
import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "out" / "browser"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """`jupyter lab` (or Notebook 7, `app="notebook"`) serving `root` on a free loopback port,
    with a random token."""

    def __init__(self, root, app="jupyterlab"):
        self.app = app
        self.root = root
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log = open(root / "server.log", "w")
        # No news prompt over the notebook: JupyterLab's notification settings, in a private folder.
        settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"))
        self.process = subprocess.Popen(
            ["python3", "-m", app, "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
             "--ServerApp.allow_root=True",
             f"--{'LabApp' if app == 'jupyterlab' else 'JupyterNotebookApp'}.expose_app_in_browser=True"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.wait_until_ready()

    def notebook_url(self, name):
        return self.url(f"lab/tree/{name}" if self.app == "jupyterlab" else f"notebooks/{name}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("jupyter lab exited: " + (self.root / "server.log").read_text()[-2000:])
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=2) as response:
                    json.load(response)
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("jupyter lab did not answer within a minute")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def write_notebook(path, kernel_name, cells):
    notebook = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": kernel_name, "display_name": "Stride (under test)", "language": "stride"}},
        "cells": [{"cell_type": "code", "id": f"cell-{i}", "metadata": {}, "source": source, "outputs": [],
                   "execution_count": None} for i, source in enumerate(cells)],
    }
    path.write_text(json.dumps(notebook))


@pytest.fixture(params=["jupyterlab", "notebook"], ids=["JupyterLab", "Notebook7"])
def lab(request, tmp_path, stride_kernel_name):
    server = LabServer(tmp_path, app=request.param)
    yield server, stride_kernel_name
    server.stop()


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.fail("chromium and chromium-driver are needed (scripts/setup.sh installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", "--no-proxy-server"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
