"""Browser smoke test of the public pages: language, title, navigation, skip link, axe-core, 320 px."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_helpers import submit_and_wait, assert_no_axe_violations, follow_link, h1_text, open_page
from relais_harness import http_get

pytestmark = pytest.mark.browser

AXIS_LABELS = [
    "Solidarités professionnelles",
    "Conseil juridique et contentieux",
    "Trajectoires professionnelles",
    "Réseaux",
]

AXE_PAGES = [
    "/",
    "/axes/juridique",
    "/parcours",
    "/parcours/fin-de-fonctions",
    "/vademecum",
    "/vademecum/entretien-prealable",
    "/a-propos",
    "/partenaires?type=avocat",
    "/reseaux",
    "/annuaire",
    "/annuaire/33",
    "/annuaire/47",
    "/recherche?q=conge+spe",
    "/recherche?q=zzzqqq",
    "/page-inexistante",
]


def test_home_page_language_title_and_axes(browser, base_url):
    open_page(browser, base_url, "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert "Relais" in browser.title
    for label in AXIS_LABELS:
        links = browser.find_elements(By.LINK_TEXT, label)
        assert links, f"no link labelled {label!r} on the home page"
        assert links[0].is_displayed(), f"the axis {label!r} is not visible"


def test_skip_link_points_to_main_content(browser, base_url):
    open_page(browser, base_url, "/")
    # The link is visually hidden until focused, so look it up by target, not by rendered text.
    skip = browser.find_element(By.CSS_SELECTOR, 'a[href="#contenu"]')
    assert skip.get_attribute("textContent").strip() == "Aller au contenu"
    assert skip.get_dom_attribute("href") == "#contenu"
    assert browser.find_elements(By.ID, "contenu"), "no element with id=contenu"
    # It is the first stop of the keyboard.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element == skip, "Tab does not reach the skip link first"
    assert skip.is_displayed() and skip.text.strip() == "Aller au contenu", "skip link not shown on focus"


def test_follow_an_axis(browser, base_url):
    open_page(browser, base_url, "/")
    label = follow_link(browser, 'a[href="/axes/juridique"]', "/axes/juridique")
    assert label == "Conseil juridique et contentieux"
    assert h1_text(browser) == label


def test_phone_journey_home_questionnaire_parcours(browser, base_url):
    """A DGS in Gironde whose end of functions is announced, on a 390 px wide phone."""
    browser.set_window_size(390, 844)
    open_page(browser, base_url, "/")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Trouver mon parcours"))
    assert h1_text(browser) == "Mon parcours"
    assert_no_axe_violations(browser)

    browser.find_element(By.CSS_SELECTOR, 'label[for="situation-fin-de-fonctions"]').click()
    browser.find_element(By.CSS_SELECTOR, 'label[for="poste-dgs"]').click()
    browser.find_element(By.ID, "champ-employeur_recherche").send_keys("bordeaux")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=rechercher]"))
    browser.find_element(By.CSS_SELECTOR, 'label[for="employeur-33063"]').click()
    assert browser.find_element(By.ID, "situation-fin-de-fonctions").is_selected()
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=voir]"))

    assert "/parcours/fin-de-fonctions?" in browser.current_url
    assert "departement=33" in browser.current_url
    assert h1_text(browser) == "Ma fin de fonctions est annoncée"
    assert "Qui peut vous accompagner — Gironde (33)" in browser.page_source
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_no_axe_violations(browser)


def test_follow_a_fact_sheet_of_the_vademecum(browser, base_url):
    open_page(browser, base_url, "/vademecum")
    title = follow_link(
        browser, 'a[href="/vademecum/entretien-prealable"]', "/vademecum/entretien-prealable"
    )
    assert title.startswith("L’entretien préalable")
    assert h1_text(browser) == title


def test_unknown_page_is_a_french_404(browser, base_url):
    status, _ = http_get(base_url + "/page-inexistante")
    assert status == 404
    open_page(browser, base_url, "/page-inexistante")
    assert h1_text(browser) == "Page introuvable"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_wcag_violations(browser, base_url, path):
    open_page(browser, base_url, path)
    assert_no_axe_violations(browser)


def test_home_page_has_no_horizontal_scroll_at_320px(browser, base_url):
    browser.set_window_size(320, 800)
    open_page(browser, base_url, "/")
    scroll_width, inner_width = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )
    assert inner_width <= 320, f"the window did not shrink (innerWidth={inner_width})"
    assert scroll_width <= inner_width + 1, (
        f"horizontal scroll at 320 px: scrollWidth={scroll_width} > innerWidth={inner_width}"
    )
