"""Headless Chromium for the explorer tests, over WebDriver (selenium + Debian's chromium-driver).

The browser runs offline: Chromium's network emulation is set to offline, host names resolve to
nothing, and background networking is off. ``scripts/ci-browser-deps.sh`` installs chromium and
chromium-driver; without them these tests skip and say why.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_PATHS = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,900", "--lang=zh-CN")
# Run before any script of the page: records what a hostile article would make the page do.
WATCH = """
window.__kg = {calls: [], added: []};
['alert', 'confirm', 'prompt', 'open'].forEach(function (name) {
  window[name] = function () { window.__kg.calls.push(name); };
});
new MutationObserver(function (changes) {
  changes.forEach(function (c) {
    c.addedNodes.forEach(function (n) { if (n.nodeType === 1) { window.__kg.added.push(n.nodeName); } });
  });
}).observe(document, {childList: true, subtree: true});
"""


def find_chromium() -> tuple[str, str] | None:
    """Chromium and its WebDriver: $KG_CHROMIUM and $KG_CHROMEDRIVER when set, else from PATH."""
    browser = os.environ.get("KG_CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    driver = os.environ.get("KG_CHROMEDRIVER") or shutil.which("chromedriver") or \
        next((p for p in DRIVER_PATHS if os.access(p, os.X_OK)), None)
    if browser and driver and os.access(browser, os.X_OK) and os.access(driver, os.X_OK):
        return browser, driver
    return None


@dataclass
class Page:
    """One explorer page open in the browser, with what it logged and fetched."""

    driver: object

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)  # type: ignore[attr-defined]

    def wait(self, script: str, timeout: float = 180) -> object:
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.2).until(
            lambda d: d.execute_script(script), message=f"timed out waiting for: {script}")

    def console_errors(self) -> list[dict]:
        return [e for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]

    def requests(self) -> list[tuple[str, str]]:
        """(document URL, requested URL) of every request the browser made since the page was opened."""
        found = []
        for entry in self.driver.get_log("performance"):  # type: ignore[attr-defined]
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                params = message["params"]
                found.append((params.get("documentURL", ""), params["request"]["url"]))
        return found


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    found = find_chromium()
    if found is None:
        pytest.skip("no chromium and chromedriver found (run scripts/ci-browser-deps.sh, or set KG_CHROMIUM "
                    "and KG_CHROMEDRIVER); the explorer was not tested in a browser")
    webdriver = pytest.importorskip("selenium.webdriver",
                                    reason="selenium is not installed (pip install -e .[dev])")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(found[1]))
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def open_page(browser: object):
    """Open a file in the browser and wait until the explorer's layout has stopped."""

    def open_(path: Path, timeout: float = 180) -> Page:
        page = Page(browser)
        browser.get("about:blank")  # type: ignore[attr-defined]
        browser.get_log("browser")  # type: ignore[attr-defined]
        browser.get_log("performance")  # type: ignore[attr-defined]
        browser.get(path.resolve().as_uri())  # type: ignore[attr-defined]
        page.wait("return document.body && document.body.getAttribute('data-stable') === 'true'", timeout)
        return page

    return open_
