"""Browser journeys of the directory (map and list by région) and of the search."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait

pytestmark = pytest.mark.browser


def test_map_has_101_named_links_and_the_list_by_region(browser, base_url):
    open_page(browser, base_url, "/annuaire")
    assert h1_text(browser) == "Annuaire des correspondants"
    focusable = browser.find_elements(By.CSS_SELECTOR, "svg.france-map a:not([tabindex='-1'])")
    assert len(focusable) == 101
    names = {
        link.get_attribute("data-departement"): browser.execute_script(
            "return document.getElementById(arguments[0].getAttribute('aria-labelledby')).textContent", link
        )
        for link in focusable
    }
    assert len(names) == 101
    assert names["33"].startswith("Gironde (33)")
    assert "correspondant" in names["47"]
    # The same 101 départements in the list by région, for screen readers and without SVG.
    assert len(browser.find_elements(By.CSS_SELECTOR, "#liste-regions .departement-list a")) == 101


def test_map_links_are_reachable_with_the_keyboard(browser, base_url):
    open_page(browser, base_url, "/annuaire")
    skip = browser.find_element(By.CSS_SELECTOR, "a.skip-map")
    skip.send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.tag_name == "a" and first.get_attribute("data-departement") == "01"
    first.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_matches(r"/annuaire/01$"))
    assert h1_text(browser) == "Ain (01)"
    assert "Les autres correspondants de la région Auvergne-Rhône-Alpes" in browser.page_source


def test_phone_reaches_the_directory_and_a_departement(browser, base_url):
    """On a 390 px phone: home → « Annuaire » → Gironde, with no horizontal scroll and no axe violation."""
    browser.set_window_size(390, 844)
    open_page(browser, base_url, "/")
    # On a phone the navigation folds behind « Menu » (issue 15), which opens it without JavaScript.
    browser.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Annuaire"))
    assert h1_text(browser) == "Annuaire des correspondants"
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, '#liste-regions a[href="/annuaire/33"]'))
    assert h1_text(browser) == "Gironde (33)"
    assert browser.find_element(By.LINK_TEXT, "Ouvrir une demande d’accompagnement").get_dom_attribute("href") == (
        "/demandes/nouvelle?departement=33"
    )
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_no_axe_violations(browser)


def test_search_from_the_header(browser, base_url):
    open_page(browser, base_url, "/vademecum")
    box = browser.find_element(By.ID, "recherche-site")
    box.send_keys("conge spe")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".site-search button"))
    assert "/recherche?q=conge+spe" in browser.current_url
    first = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='resultats-fiche'] a")
    assert first.get_dom_attribute("href") == "/vademecum/conge-special"
    assert first.find_elements(By.TAG_NAME, "mark")
    assert_no_axe_violations(browser)


def test_phone_header_search_fits(browser, base_url):
    browser.set_window_size(390, 844)
    open_page(browser, base_url, "/recherche?q=entretien")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    browser.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    assert browser.find_element(By.CSS_SELECTOR, ".site-search button").is_displayed()
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
