"""Fixtures for the Relais end-to-end tests.

- `relais_server` (session): the binary serving a fresh temporary database in demo mode.
- `base_url` (session): its base URL, e.g. http://127.0.0.1:54321.
- `browser` (per test): a headless Chromium (Selenium 4) shared by the session, reset to a
  1280×900 window with no cookies before each test.
"""

from __future__ import annotations

import pytest

from relais_harness import RelaisServer


@pytest.fixture(scope="session")
def relais_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("relais-server")
    server = RelaisServer(work / "relais.sqlite", work, demo=True)
    try:
        problem = None
        try:
            server.start()
            server.wait_until_live()
        except (OSError, RuntimeError, TimeoutError) as error:
            problem = str(error)
        if problem:
            pytest.fail(problem, pytrace=False)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(relais_server) -> str:
    return relais_server.base_url


@pytest.fixture(scope="session")
def _chromium():
    from browser_helpers import new_chromium

    driver = new_chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(_chromium, base_url):
    """The shared Chromium, reset for this test (window size, cookies of the site under test)."""
    from browser_helpers import WINDOW_SIZE

    _chromium.set_window_size(*WINDOW_SIZE)
    _chromium.get(base_url + "/livez")
    _chromium.delete_all_cookies()
    return _chromium
