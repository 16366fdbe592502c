"""Selenium helpers shared by the browser journeys: open a page, read headings, run axe-core."""

from __future__ import annotations

import json
import os

from axe_selenium_python import Axe
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
    WebDriverWait(driver, WAIT).until(EC.url_matches(rf"^https?://[^/]+{expected_path}$"))
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
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"    {target}: {summary}" if summary else f"    {target}")
        if len(nodes) > AXE_TARGETS_SHOWN:
            lines.append(f"    … and {len(nodes) - AXE_TARGETS_SHOWN} more")
    return "\n".join(lines)


def axe_violations(driver, context: str | None = None) -> list[dict]:
    axe = Axe(driver)
    axe.inject()
    # Axe.run() pastes `options` into JavaScript as is: pass JSON, not a Python dict.
    results = axe.run(context=context, options=json.dumps(AXE_OPTIONS))
    return results["violations"]


def assert_no_axe_violations(driver, context: str | None = None) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page and fail with a readable list."""
    violations = axe_violations(driver, context)
    assert not violations, format_axe_violations(violations, driver.current_url)
