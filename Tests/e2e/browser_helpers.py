"""Selenium helpers shared by the browser journeys: open a page, read headings, run axe-core."""

from __future__ import annotations

import os
import re
from pathlib import Path

from axe_selenium_python import Axe
from axe_selenium_python.axe import _DEFAULT_SCRIPT as _AXE_SELENIUM_DEFAULT_SCRIPT
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WINDOW_SIZE = (1280, 900)
WAIT = 10  # seconds for explicit waits

# WCAG 2.1 A and AA only (no best-practice or experimental rules).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AXE_TARGETS_SHOWN = 3
AXE_SUMMARY_CHARS = 200


def new_chromium() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    return driver


def open_page(driver, base_url: str, path: str) -> None:
    driver.get(base_url + path)


def h1_text(driver) -> str:
    return WebDriverWait(driver, WAIT).until(
        EC.presence_of_element_located((By.TAG_NAME, "h1"))
    ).text.strip()


def follow_link(driver, css_selector: str, expected_path: str) -> str:
    """Click the link matched by `css_selector`, wait for `expected_path`, return the link's text."""
    link = WebDriverWait(driver, WAIT).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, css_selector))
    )
    text = link.text.strip()
    link.click()
    WebDriverWait(driver, WAIT).until(EC.url_matches(rf"^https?://[^/]+{re.escape(expected_path)}$"))
    return text


def format_axe_violations(violations: list[dict], url: str) -> str:
    lines = [f"{len(violations)} axe-core WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}] {violation.get('help', '')}"
            f" ({len(nodes)} element(s)) {violation.get('helpUrl', '')}"
        )
        for node in nodes[:AXE_TARGETS_SHOWN]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            if len(summary) > AXE_SUMMARY_CHARS:
                summary = summary[: AXE_SUMMARY_CHARS - 1] + "…"
            lines.append(f"    {target}: {summary}" if summary else f"    {target}")
        if len(nodes) > AXE_TARGETS_SHOWN:
            lines.append(f"    … and {len(nodes) - AXE_TARGETS_SHOWN} more")
    return "\n".join(lines)


def axe_script() -> Path:
    """The axe-core script to inject: $AXE_SCRIPT, else the newest one a Python package ships.

    axe-selenium-python 2.1.6 bundles axe-core 3.1.1, which predates the WCAG 2.1 tags;
    selenium-axe-python (same API, maintained fork) bundles axe-core 4.x and is preferred.
    """
    if os.environ.get("AXE_SCRIPT"):
        return Path(os.environ["AXE_SCRIPT"])
    try:
        import selenium_axe_python

        candidate = Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js"
        if candidate.is_file():
            return candidate
    except ImportError:
        pass
    return Path(_AXE_SELENIUM_DEFAULT_SCRIPT)


# axe.run() rejects its promise for an unknown tag; Axe.run() of axe-selenium-python ignores the
# rejection and the call then hangs until the script timeout, so the callback is written here.
_AXE_RUN = """
const options = arguments[0];
const done = arguments[arguments.length - 1];
axe.run(document, options).then(
  (results) => done({version: axe.version, violations: results.violations}),
  (error) => done({version: axe.version, error: String(error)}));
"""


def axe_violations(driver) -> list[dict]:
    Axe(driver, script_url=str(axe_script())).inject()
    outcome = driver.execute_async_script(_AXE_RUN, AXE_OPTIONS)
    if "error" in outcome:
        raise AssertionError(
            f"axe-core {outcome['version']} ({axe_script()}) could not run on {driver.current_url}: "
            f"{outcome['error']}. WCAG 2.1 tags need axe-core >= 4: "
            "pip install selenium-axe-python, or set AXE_SCRIPT to a recent axe.min.js"
        )
    return outcome["violations"]


def assert_no_axe_violations(driver) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page and fail with a readable list."""
    violations = axe_violations(driver)
    assert not violations, format_axe_violations(violations, driver.current_url)


def submit_and_wait(driver, button) -> None:
    """Clicks `button` and waits until the next page has replaced this one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    button.click()

    def replaced(_driver) -> bool:
        # Chromium reports a detached node either as stale or as a generic inspector error.
        try:
            button.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 15).until(replaced)
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


# --- Two-factor sign-in -------------------------------------------------------------------------
# Staff and admins must set up a second factor before they reach /equipe. The journeys do it as a
# person would, with an authenticator app computed here (RFC 6238: HMAC-SHA-1, 30 s, 6 digits).

import base64
import hashlib
import hmac
import struct
import time
from urllib.parse import urlparse

# The key and last time step used of each account enrolled during this run, by (base URL, address):
# a code serves once, so a second sign-in within the same 30 s types the next step's code.
_SECOND_FACTORS: dict[tuple[str, str], tuple[str, int]] = {}


def totp(secret_base32: str, step: int) -> str:
    """The code an authenticator app shows for `secret_base32` at time step `step`."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def current_step() -> int:
    return int(time.time() // 30)


def path_of(driver) -> str:
    return urlparse(driver.current_url).path


def read_secret(driver) -> str:
    """The key shown for typing by hand, without its spaces."""
    return driver.find_element(By.ID, "cle-secrete").text.replace(" ", "").replace("\u00a0", "")


def start_second_factor_setup(driver) -> None:
    buttons = driver.find_elements(By.CSS_SELECTOR, "form[action$='/double-authentification/debut'] button")
    if buttons:
        submit_and_wait(driver, buttons[0])


def confirm_second_factor_setup(driver, base_url: str, email: str) -> list[str]:
    """On the set-up page showing the QR code: types the key's code; returns the recovery codes."""
    secret, step = read_secret(driver), current_step()
    driver.find_element(By.ID, "champ-code").send_keys(totp(secret, step))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/confirmation'] button[type=submit]"))
    _SECOND_FACTORS[(base_url, email)] = (secret, step)
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#codes-de-secours code")]


def type_second_factor_code(driver, base_url: str, email: str, trust: bool = False) -> None:
    """On /connexion/code: types a fresh code of the account's key (waiting for the next step if
    this one already served)."""
    secret, last = _SECOND_FACTORS[(base_url, email)]
    step = max(current_step(), last + 1)
    while step > current_step() + 1:
        time.sleep(0.5)
    driver.find_element(By.ID, "champ-code").send_keys(totp(secret, step))
    if trust:
        driver.find_element(By.ID, "champ-confiance").click()
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    _SECOND_FACTORS[(base_url, email)] = (secret, step)


def complete_second_factor(driver, base_url: str, email: str) -> None:
    """After the password: sets up the second factor or types its code, whichever the page asks,
    and goes on to where the sign-in was heading."""
    if path_of(driver) == "/compte/double-authentification":
        start_second_factor_setup(driver)
        confirm_second_factor_setup(driver, base_url, email)
        submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a.button-primary"))
    elif path_of(driver) == "/connexion/code":
        type_second_factor_code(driver, base_url, email)


def sign_in_through_form(driver, base_url: str, email: str, password: str) -> None:
    """Sign in on /connexion as a person would, typing a computed code when the account has a second factor."""
    open_page(driver, base_url, "/connexion")
    driver.find_element(By.ID, "champ-email").send_keys(email)
    driver.find_element(By.ID, "champ-motdepasse").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    complete_second_factor(driver, base_url, email)
