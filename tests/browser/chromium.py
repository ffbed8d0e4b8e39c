"""Start Debian's headless Chromium through selenium with no network, and read what it fetched.

``chromium_available()`` says whether the browser and driver are installed (tests skip with a
reason otherwise). ``offline_driver()`` starts Chromium with a fresh profile, every host name
resolving to nothing and every request sent to a proxy that refuses connections, so a page that
tries to load anything from the network fails visibly; ``network_requests(driver)`` lists the
URLs the page requested (from the DevTools performance log), so a test can assert there were none
besides ``file:`` and ``data:`` URLs; ``open_map(driver, path)`` loads a geo_events map page and
waits for it to initialise. Tests take the one session-wide driver of ``tests/conftest.py``
(fixture ``driver``, skipped with the reason when Chromium is missing).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # No network at all: names resolve to nothing, and anything else goes to a closed port.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def chromium_available() -> str | None:
    """None when Chromium and chromedriver are usable, else the reason to skip."""
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not Path(exe).exists() and not shutil.which(Path(exe).name):
            return f"{exe} not installed (Debian: apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium not installed (pip install selenium)"
    return None


@contextmanager
def offline_driver(width: int = 1280, height: int = 900) -> Iterator[object]:
    """A selenium Chrome driver on headless Chromium with no network and a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="geo_events_chromium_")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def network_requests(driver: object) -> list[str]:
    """URLs requested since the last call (file:, data: and about: included)."""
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def external_requests(driver: object) -> list[str]:
    """Requested URLs that would leave the machine (anything but file:, data:, about:, blob:)."""
    local = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")
    return [u for u in network_requests(driver) if not u.startswith(local)]


def console_errors(driver: object) -> list[str]:
    """Severe browser console messages (JavaScript errors, failed loads)."""
    return [e["message"] for e in driver.get_log("browser")  # type: ignore[attr-defined]
            if e.get("level") == "SEVERE"]


def open_map(driver: object, path: Path, wait_s: float = 5.0) -> str:
    """Load the map page ``path`` (after dropping earlier log entries) and return the name of
    its geo_events map once the page has initialised it; AssertionError with the console's
    errors when it has not within ``wait_s`` seconds."""
    external_requests(driver)  # drop earlier log entries
    driver.get(Path(path).resolve().as_uri())  # type: ignore[attr-defined]
    for _ in range(max(1, int(wait_s / 0.05))):
        names = driver.execute_script(  # type: ignore[attr-defined]
            "return Object.keys(window.geoEventsMaps || {})")
        if names:
            return names[0]
        time.sleep(0.05)
    raise AssertionError(f"map did not initialise; console: {console_errors(driver)}")
