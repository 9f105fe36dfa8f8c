"""The explorers as a reader meets them: a notebook that calls both, served
by a real JupyterLab on 127.0.0.1 (a free port, a temporary folder, a
token), opened in Debian's headless chromium driven by Selenium. The
keyboard moves the η slider; the printed line and the figure must change.

This checks only the wiring (the kernel's widgets reach the page and a key
press reaches the kernel back); what the explorers compute is tested in
tests/test_explore.py. Screenshots go to the test's tmp folder, and also to
$GLUON_OPT_SHOTS when it is set. Skips, saying what to install, when the
browser, its driver, Selenium, JupyterLab or ipywidgets is missing
(.ci/browser installs the browser).
"""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
INSTALL = ("apt-get install chromium chromium-driver (or run .ci/browser) and "
           "pip install -e '.[test]' (selenium, jupyterlab, ipywidgets)")
BOOK_LINE = "gd: epoch 20, x1: -0.943467, x2: -0.000073"

pytestmark = pytest.mark.slow


def _missing():
    """What is missing for the browser test ('' when nothing)."""
    missing = [name for name in ("selenium", "jupyterlab", "ipywidgets",
                                 "jupyterlab_widgets")
               if _absent(name)]
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        missing.append("chromium")
    if not shutil.which("chromedriver"):
        missing.append("chromedriver (Debian's chromium-driver)")
    return ", ".join(missing)


def _absent(module):
    import importlib.util
    return importlib.util.find_spec(module) is None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


NOTEBOOK_CELLS = [
    "from gluon_opt.explore import explore_2d, explore_schedule",
    "explore_2d('gd', eta=0.4)",
    "explore_schedule('cosine', lr=0.05, warmup_steps=30)",
]


def _write_notebook(folder):
    import nbformat
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in NOTEBOOK_CELLS],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}})
    nbformat.write(notebook, folder / "explorers.ipynb")


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab serving tmp_path/root on 127.0.0.1: yields its URL base
    and token; stops it afterwards."""
    root = tmp_path / "root"
    root.mkdir()
    _write_notebook(root)
    port, token = _free_port(), uuid.uuid4().hex
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"))
    env.pop("MPLBACKEND", None)  # the kernel picks its inline backend
    (tmp_path / "home").mkdir()
    # No "get notified about Jupyter news?" toast over the page, no fetching.
    settings = tmp_path / "lab-settings"
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    log = open(tmp_path / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", "--port-retries=0", f"--ServerApp.root_dir={root}",
         f"--IdentityProvider.token={token}",
         "--allow-root", "--ServerApp.terminals_enabled=False",
         "--LabApp.extension_manager=readonly",
         "--LabApp.expose_app_in_browser=True",
         "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}",
                                            timeout=2) as answer:
                    json.load(answer)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("JupyterLab did not start:\n"
                                + (tmp_path / "jupyterlab.log").read_text()[-3000:])
                time.sleep(0.3)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def chromium(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1300,1900",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")),
                              options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver, element, tmp_path, name):
    """Save a screenshot of the page (or of `element`) as tmp_path/NAME.png,
    copied to $GLUON_OPT_SHOTS when set."""
    path = tmp_path / f"{name}.png"
    if element is None:
        driver.save_screenshot(str(path))
    else:
        element.screenshot(str(path))
    shots = os.environ.get("GLUON_OPT_SHOTS")
    if shots:
        os.makedirs(shots, exist_ok=True)
        shutil.copy(path, os.path.join(shots, path.name))
    return path


def test_explorers_answer_the_keyboard_in_jupyterlab(tmp_path, request):
    missing = _missing()
    if missing:
        pytest.skip(f"the browser test needs {missing}: {INSTALL}")
    jupyter_base, token = request.getfixturevalue("jupyterlab")
    driver = request.getfixturevalue("chromium")
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{jupyter_base}/lab/tree/explorers.ipynb?token={token}")
    wait = WebDriverWait(driver, 40, poll_frequency=0.25)
    wait.until(lambda d: d.execute_script(
        "const app = window.jupyterapp; const panel = app && app.shell.currentWidget;"
        "return !!(panel && panel.sessionContext && panel.sessionContext.session"
        " && panel.sessionContext.session.kernel);"))
    driver.execute_script(
        "window.jupyterapp.commands.execute('notebook:run-all-cells');")

    def line_of(explorer):
        # Read in one script: the HTML widget replaces its <pre> on each
        # update, so a found element can go stale before it is read.
        return driver.execute_script(
            "const pre = document.querySelector(arguments[0]);"
            "return pre ? pre.innerText.trim() : '';",
            f".{explorer} pre.gluon-opt-line")

    def d_find(css):
        return driver.find_elements(By.CSS_SELECTOR, css)

    def slider(explorer, label):
        return (f"//div[contains(@class, '{explorer}')]"
                "//div[contains(@class, 'widget-slider')]"
                f"[.//label[normalize-space()='{label}']]")

    def readout(xpath):
        return driver.execute_script(
            "const r = document.evaluate(arguments[0], document, null, 9,"
            " null).singleNodeValue; return r ? r.innerText.trim() : '';",
            xpath + "//div[contains(@class, 'widget-readout')]")

    def press(xpath, key, times):
        """Focus the slider's handle (a click would move it) and press `key`
        `times` times, until its readout shows a new value. JupyterLab can
        take the focus back while it settles after running the cells, and
        the keys then go to the notebook: so the readout is the check, and
        the keys go again when it has not moved."""
        before = readout(xpath)
        for _ in range(5):
            handle = driver.find_element(
                By.XPATH, xpath + "//div[contains(@class, 'noUi-handle')]")
            driver.execute_script("arguments[0].focus();", handle)
            for _ in range(times):
                handle.send_keys(key)
            try:
                WebDriverWait(driver, 5, poll_frequency=0.25).until(
                    lambda d: readout(xpath) not in ("", before))
                return
            except TimeoutException:
                continue
        pytest.fail(f"the slider {xpath} kept {before} after 5 tries")

    wait.until(lambda d: line_of("gluon-opt-explore-2d").startswith("gd: epoch 20")
               and "final loss" in line_of("gluon-opt-explore-schedule"))
    _shot(driver, None, tmp_path, "explorers-page")
    # The book's settings print the book's line, in the page.
    assert line_of("gluon-opt-explore-2d") == BOOK_LINE
    figure_before = _shot(driver, d_find(".gluon-opt-explore-2d img")[0], tmp_path,
                          "explore-2d-before").read_bytes()

    # The first η slider (the overlay's are hidden): focus its handle and
    # press the right arrow key 10 times, one step of 0.01 in log10 η each.
    press(slider("gluon-opt-explore-2d", "η"), Keys.ARROW_RIGHT, 10)
    wait.until(lambda d: line_of("gluon-opt-explore-2d") not in ("", BOOK_LINE))
    moved = line_of("gluon-opt-explore-2d")
    assert moved.startswith("gd: epoch 20, x1: ")
    # η rose (10 steps of 10^0.01 from 0.4, to about 0.50): gd runs closer
    # to the minimum along x1 than the book's.
    x1 = float(moved.split("x1: ")[1].split(",")[0])
    assert abs(x1) < 0.943467
    # The figure follows the line (the kernel sends the line first).
    wait.until(lambda d: _shot(d, d_find(".gluon-opt-explore-2d img")[0], tmp_path,
                               "explore-2d-after").read_bytes() != figure_before)

    # explore_schedule: one press of the left arrow on its lr slider
    # retrains at a lower rate (its sliders answer on release, not while
    # dragged, since each answer is a training run).
    schedule_line = line_of("gluon-opt-explore-schedule")
    schedule_before = _shot(driver, d_find(".gluon-opt-explore-schedule img")[0], tmp_path,
                            "explore-schedule-before").read_bytes()
    press(slider("gluon-opt-explore-schedule", "lr"), Keys.ARROW_LEFT, 1)
    wait.until(lambda d: line_of("gluon-opt-explore-schedule") not in ("", schedule_line))
    assert line_of("gluon-opt-explore-schedule").startswith("sgd, cosine, lr 0.04")
    wait.until(lambda d: _shot(d, d_find(".gluon-opt-explore-schedule img")[0], tmp_path,
                               "explore-schedule-after").read_bytes() != schedule_before)
    _shot(driver, None, tmp_path, "explorers-page-after")
    # No refusal was shown: the message lines are empty.
    assert not driver.execute_script(
        "return [...document.querySelectorAll('.gluon-opt-message')]"
        ".map(m => m.innerText).filter(t => t);")


def _fake_bin(folder, apt_get_installs):
    """A PATH of its own: env and id, and an apt-get that logs its calls
    (and, if asked, 'installs' chromium and chromedriver as stubs)."""
    folder.mkdir()
    for tool in ("env", "id"):
        (folder / tool).symlink_to(shutil.which(tool))
    chmod = shutil.which("chmod")
    install = "".join(f"printf '#!/bin/sh\\n' > {folder}/{name}; {chmod} +x {folder}/{name}; "
                      for name in ("chromium", "chromedriver")) if apt_get_installs else ""
    apt_get = folder / "apt-get"
    apt_get.write_text(f'#!/bin/sh\necho "apt-get $*" >> {folder}/calls\n'
                       f'case "$*" in *install*) {install};; esac\n')
    apt_get.chmod(0o755)
    return folder


def test_ci_browser_installs_only_what_is_missing(tmp_path):
    if os.geteuid() != 0:
        pytest.skip(".ci/browser installs as root here; this test runs as root")
    script = str(ROOT / ".ci" / "browser")
    bash = shutil.which("bash")
    # Absent: apt-get update, then the two Debian packages, quietly.
    absent = _fake_bin(tmp_path / "absent", apt_get_installs=True)
    done = subprocess.run([bash, script], env={"PATH": str(absent)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    calls = (absent / "calls").read_text().splitlines()
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith("apt-get install -y -qq")
    assert calls[1].split()[-2:] == ["chromium", "chromium-driver"]
    # Present: nothing is called.
    done = subprocess.run([bash, script], env={"PATH": str(absent)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and len((absent / "calls").read_text().splitlines()) == 2
