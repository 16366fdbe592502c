"""Issue 15, « Also seen »: its last points read in a real browser, at 320, 390 and 1280 px where it
matters. Screenshots go to $JOURNEYS_SHOTS when it is set (the issue's closing note shows them)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, sign_in_through_form as sign_in, submit_and_wait
from relais_harness import RelaisServer, http_get, server_env

PHONE = (390, 844)
NARROW = (320, 700)
DESKTOP = (1280, 900)
STAFF = ("equipe@demo.relais.example", "relais-demo-equipe")
ADDRESS = "Association de démonstration, 1 rue de l’Exemple, 75000 Paris"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("journeys-search-print")
    relais = RelaisServer(work / "relais.sqlite", work, demo=True, env=server_env(RELAIS_ASSOCIATION_ADDRESS=ADDRESS))
    relais.start()
    try:
        relais.wait_until_live()
        yield relais
    finally:
        relais.stop()


def shot(driver, name: str) -> None:
    folder = os.environ.get("JOURNEYS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))


def page_width(driver) -> int:
    return driver.execute_script("return document.documentElement.scrollWidth")


def top(driver, selector: str) -> float:
    return driver.execute_script("return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY", selector)


def french_day(day: datetime.date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


# --- The directory: the list first on a phone ------------------------------------------------------

def test_directory_leads_with_the_list_on_a_phone_and_keeps_the_map_first_on_a_desktop(browser, server):
    base_url = server.base_url
    browser.set_window_size(*PHONE)
    open_page(browser, base_url, "/annuaire")
    shot(browser, "annuaire-390")
    assert top(browser, "#liste-regions") < top(browser, ".directory-map"), "the list by région comes before the map"
    first = browser.find_element(By.CSS_SELECTOR, "#liste-regions .departement-list a")
    assert first.rect["y"] < PHONE[1] * 1.5, "the first département is within a screen and a half"
    heights = browser.execute_script(
        "return [...document.querySelectorAll('#liste-regions .departement-list a')].map(a => a.getBoundingClientRect().height)")
    assert len(heights) == 101 and min(heights) >= 32, f"tap targets of the list: {min(heights)} px"
    assert page_width(browser) <= PHONE[0]
    assert_no_axe_violations(browser)
    # A phone still reaches a département from the list.
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, '#liste-regions a[href="/annuaire/33"]'))
    assert h1_text(browser) == "Gironde (33)"

    browser.set_window_size(*DESKTOP)
    open_page(browser, base_url, "/annuaire")
    shot(browser, "annuaire-1280")
    assert top(browser, ".directory-map") < top(browser, "#liste-regions"), "a desktop keeps the map first"


# --- The search: synonyms and the territory --------------------------------------------------------

def search_from_the_header(driver, base_url: str, text: str) -> None:
    open_page(driver, base_url, "/")
    field = driver.find_element(By.ID, "recherche-site")
    if not field.is_displayed():
        driver.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    field.send_keys(text)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-search button"))


def test_gironde_and_burn_out_find_the_directory_page_and_the_situation(browser, server):
    base_url = server.base_url
    browser.set_window_size(*PHONE)
    search_from_the_header(browser, base_url, "Gironde")
    shot(browser, "recherche-gironde-390")
    first = browser.find_element(By.CSS_SELECTOR, "main .search-results a")
    assert first.get_dom_attribute("href") == "/annuaire/33"
    assert page_width(browser) <= PHONE[0]
    search_from_the_header(browser, base_url, "burn-out")
    assert browser.find_elements(By.CSS_SELECTOR, 'main .search-results a[href="/parcours/epuisement"]')
    for width in (NARROW, PHONE):
        browser.set_window_size(*width)
        for path in ("/recherche?q=Gironde", "/recherche?q=burn-out"):
            open_page(browser, base_url, path)
            assert page_width(browser) <= width[0], f"{path} at {width[0]} px"
    assert_no_axe_violations(browser)


def test_staff_add_a_synonym_and_bad_input_comes_back_with_the_form(browser, server):
    base_url = server.base_url
    sign_in(browser, base_url, *STAFF)
    browser.set_window_size(*NARROW)
    open_page(browser, base_url, "/equipe/synonymes")
    assert h1_text(browser) == "Synonymes de la recherche"
    assert page_width(browser) <= NARROW[0], "the staff page fits 320 px"
    shot(browser, "equipe-synonymes-320")
    assert_no_axe_violations(browser)

    # Hostile input: the error summary takes the focus, the message is beside the field, the text stays.
    browser.find_element(By.ID, "champ-terme").send_keys("<script>alert(1)</script>")
    browser.find_element(By.ID, "champ-equivalent").send_keys("épuisement")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.form button.button-primary"))
    assert browser.switch_to.active_element.get_attribute("id") == "erreurs"
    assert "sans balise HTML" in browser.find_element(By.ID, "champ-terme-erreur").text
    assert browser.find_element(By.ID, "champ-terme").get_attribute("value") == "<script>alert(1)</script>"
    assert browser.find_element(By.ID, "champ-equivalent").get_attribute("value") == "épuisement"
    assert page_width(browser) <= NARROW[0]
    shot(browser, "equipe-synonymes-erreur-320")
    assert_no_axe_violations(browser)

    term = browser.find_element(By.ID, "champ-terme")
    term.clear()
    term.send_keys("pot de départ")
    expansion = browser.find_element(By.ID, "champ-equivalent")
    expansion.clear()
    expansion.send_keys("protocole de fin de fonctions")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.form button.button-primary"))
    assert "Synonyme ajouté" in browser.find_element(By.CSS_SELECTOR, "main .notice").text
    open_page(browser, base_url, "/recherche?q=pot+de+depart")
    assert browser.find_elements(By.CSS_SELECTOR, 'main .search-results a[href="/vademecum/protocole-de-transition"]')


# --- The printed fact sheet ------------------------------------------------------------------------

def test_a_printed_sheet_carries_relais_the_association_the_address_and_the_print_day(browser, server):
    base_url = server.base_url
    open_page(browser, base_url, "/vademecum/conge-special")
    header = browser.find_element(By.CSS_SELECTOR, ".print-header")
    assert not header.is_displayed(), "on screen the page says it already"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert header.is_displayed()
        text = header.text.replace("\u00a0", " ")  # WebDriver reads a no-break space as a space anyway
        assert "Relais — l’entraide entre directeurs généraux" in text
        assert ADDRESS in text
        assert f"Fiche en ligne\u202f: {base_url}/vademecum/conge-special" in text
        today = datetime.date.today()
        assert any(f"imprimée le {french_day(day)}" in text for day in (today, today - datetime.timedelta(days=1))), text
        assert not browser.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
        assert header.rect["y"] < browser.find_element(By.TAG_NAME, "h1").rect["y"], "the header comes first on paper"
        shot(browser, "fiche-impression")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # The cached page is the same for every visitor: the day is written in the browser, not in the HTML.
    status, html = http_get(base_url + "/vademecum/conge-special")
    assert status == 200 and '<span class="print-date" hidden> · imprimée le <span id="date-impression"></span></span>' in html


def test_the_print_day_is_filled_again_just_before_printing(browser, server):
    open_page(browser, server.base_url, "/vademecum/conge-special")
    browser.execute_script("document.getElementById('date-impression').textContent = 'hier'; window.dispatchEvent(new Event('beforeprint'));")
    assert browser.execute_script("return document.getElementById('date-impression').textContent") != "hier"


# --- Correspondent cards ---------------------------------------------------------------------------

@pytest.mark.parametrize("width", [390, 1280])
def test_correspondent_cards_have_no_blank_band(browser, server, width):
    browser.set_window_size(width, 900)
    open_page(browser, server.base_url, "/annuaire/33")
    shot(browser, f"annuaire-33-{width}")
    cards = browser.find_elements(By.CSS_SELECTOR, "main .cards .card")
    assert len(cards) >= 3
    for card in cards:
        # The blank space under the last line of the card, and the largest between two of its parts.
        bottom, between = browser.execute_script(
            """const card = arguments[0];
               const parts = [...card.children].map(e => e.getBoundingClientRect());
               const gaps = parts.slice(1).map((r, i) => r.top - parts[i].bottom);
               return [card.getBoundingClientRect().bottom - parts[parts.length - 1].bottom, Math.max(...gaps)];""", card)
        assert bottom <= 20, f"{bottom:.0f} px of blank space at the bottom of a card at {width} px"
        assert between <= 20, f"{between:.0f} px of blank space inside a card at {width} px"
    assert page_width(browser) <= width
