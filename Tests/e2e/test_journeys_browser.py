"""Issue 15: the journeys as their three users live them, at 390 and 320 px where it matters.
One test per point (crisis help, Enter in the case form, closing in two steps, narrow screens, the
employer field, the phone header and folded partners, fact-sheet review), each also run by axe."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_helpers import sign_in_through_form as sign_in, assert_no_axe_violations, complete_second_factor, h1_text, open_page, submit_and_wait
from relais_harness import RelaisServer, server_env

PHONE = (390, 844)
NARROW = (320, 700)
DIRECTOR = ("directrice@demo.relais.example", "relais-demo-directrice")


@pytest.fixture
def own_server(tmp_path):
    server = RelaisServer(tmp_path / "relais.sqlite", tmp_path, demo=True, env=server_env())
    server.start()
    try:
        server.wait_until_live()
        yield server
    finally:
        server.stop()


def page_width(driver) -> int:
    return driver.execute_script("return document.documentElement.scrollWidth")


def open_case(driver, base_url: str) -> str:
    """As the signed-in demo director: opens a case with a long personal address; returns its path."""
    open_page(driver, base_url, "/demandes/nouvelle?situation=fin-de-fonctions")
    driver.find_element(By.CSS_SELECTOR, "input[name=urgence]").click()
    driver.find_element(By.ID, "champ-recit").send_keys("Le maire m’a annoncé mon départ.")
    driver.find_element(By.ID, "champ-employeur_nom").send_keys("Commune de démonstration")
    address = driver.find_element(By.ID, "champ-notification")
    address.clear()
    address.send_keys("une.adresse.personnelle.particulierement.longue@messagerie-exemple.fr")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))
    return driver.current_url.split("?")[0]


def test_crisis_help_comes_first_as_call_links(browser, base_url):
    browser.set_window_size(*PHONE)
    for slug in ("epuisement", "conflit-harcelement"):
        open_page(browser, base_url, f"/parcours/{slug}")
        first_call = browser.find_element(By.CSS_SELECTOR, "main a[href^='tel:']")
        assert first_call.get_attribute("href") == "tel:3114"
        assert first_call.rect["y"] + first_call.rect["height"] < PHONE[1], "the 3114 is on the first screen"
        lead = browser.find_element(By.CSS_SELECTOR, ".page-header .lead")
        assert first_call.rect["y"] < lead.rect["y"], "the urgent contacts come before the summary"
        assert "certains délais courent déjà" not in browser.page_source
        assert_no_axe_violations(browser)
    open_page(browser, base_url, "/parcours/fin-de-fonctions")
    assert "certains délais courent déjà" in browser.page_source
    assert not browser.find_elements(By.CSS_SELECTOR, "main a[href^='tel:']")


def test_enter_sends_the_case_form_and_a_search_keeps_the_passwords(browser, base_url):
    browser.set_window_size(*PHONE)
    open_page(browser, base_url, "/demandes/nouvelle?situation=fin-de-fonctions")
    assert not browser.find_elements(By.ID, "champ-notification"), "a visitor gives one address"
    assert "personnelle" in browser.find_element(By.CSS_SELECTOR, "label[for=champ-email]").text
    browser.find_element(By.ID, "champ-employeur_recherche").send_keys("Bordeaux")
    browser.find_element(By.ID, "champ-motdepasse").send_keys("une phrase assez longue")
    search = browser.find_element(By.CSS_SELECTOR, "button[value=rechercher]")
    submit_and_wait(browser, search)
    assert browser.find_element(By.ID, "champ-motdepasse").get_attribute("value") == "une phrase assez longue"
    # Enter in a field sends the form: the errors come back and focus is on their summary.
    password = browser.find_element(By.ID, "champ-motdepasse")
    password.send_keys(Keys.ENTER)
    submit_and_wait_for_summary(browser)
    assert browser.switch_to.active_element.get_attribute("id") == "erreurs"
    assert_no_axe_violations(browser)


def submit_and_wait_for_summary(driver) -> None:
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.ID, "erreurs"))


def test_the_employer_question_is_required_and_its_error_shown_once(browser, base_url):
    open_page(browser, base_url, "/demandes/nouvelle?situation=fin-de-fonctions")
    for field in ("champ-employeur_recherche", "champ-employeur_nom"):
        assert "facultatif" not in browser.find_element(By.CSS_SELECTOR, f"label[for={field}]").text
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))
    message = "Choisissez votre collectivité dans la liste, ou écrivez le nom de votre employeur."
    shown = [e for e in browser.find_elements(By.CSS_SELECTOR, "main .error-message") if message in e.text]
    assert len(shown) == 1, [e.text for e in shown]


def test_closing_and_withdrawing_ask_for_confirmation(browser, own_server):
    base_url = own_server.base_url
    sign_in(browser, base_url, *DIRECTOR)
    case = open_case(browser, base_url)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=retirer]"))
    assert h1_text(browser).startswith("Retirer votre demande")
    assert_no_axe_violations(browser)
    browser.find_element(By.ID, "motif-1").click()
    browser.find_element(By.ID, "champ-mot").send_keys("Merci, tout s’est arrangé.")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[value=retirer]"))
    assert browser.current_url.startswith(case)
    assert "Merci, tout s’est arrangé." in browser.find_element(By.ID, "messages").text
    assert browser.find_elements(By.CSS_SELECTOR, "button[value=rouvrir]")


@pytest.mark.parametrize("width", [390, 320])
def test_case_page_and_account_fit_narrow_screens(browser, own_server, width):
    base_url = own_server.base_url
    sign_in(browser, base_url, *DIRECTOR)
    case = open_case(browser, base_url)
    browser.set_window_size(width, 800)
    for path in (case, base_url + "/compte", base_url + "/mes-demandes"):
        browser.get(path)
        assert page_width(browser) <= width, f"{path} is {page_width(browser)} px wide at {width} px"


def test_phone_header_menu_without_javascript_and_folded_partners(browser, base_url):
    browser.set_window_size(*PHONE)
    open_page(browser, base_url, "/parcours/fin-de-fonctions?departement=33")
    header = browser.find_element(By.CSS_SELECTOR, ".site-header")
    assert header.rect["height"] < 120, f"the header is {header.rect['height']} px high"
    assert not browser.find_element(By.CSS_SELECTOR, ".main-nav").is_displayed()
    action = browser.find_element(By.CSS_SELECTOR, "main a.button-primary")
    assert action.rect["y"] < PHONE[1] * 1.5, "the main action is within reach"
    # Every partner inline made this page about 14,000 px long at 390 px; folded, about 9,800.
    assert browser.execute_script("return document.documentElement.scrollHeight") < 11000
    summary = browser.find_elements(By.CSS_SELECTOR, ".more-partners summary")
    assert summary and summary[0].text.startswith("Voir les ")
    assert_no_axe_violations(browser)
    browser.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    assert browser.find_element(By.CSS_SELECTOR, ".main-nav").is_displayed()
    assert page_width(browser) <= PHONE[0]


def test_fact_sheet_review_queue_and_actions(browser, own_server):
    base_url = own_server.base_url
    sign_in(browser, base_url, "equipe@demo.relais.example", "relais-demo-equipe")
    open_page(browser, base_url, "/equipe/vademecum/conge-special")
    browser.find_element(By.ID, "champ-corps").send_keys("\n\nUne précision de relecture.")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=apercu]"))
    preview = browser.find_element(By.CSS_SELECTOR, ".preview")
    assert preview.rect["y"] < browser.find_element(By.ID, "champ-titre").rect["y"], "the preview comes before the form"
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=enregistrer]"))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=relecture]"))
    assert not browser.find_elements(By.CSS_SELECTOR, "button[value=publier]"), "the author may not publish"
    open_page(browser, base_url, "/equipe/vademecum")
    queue = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=titre-relecture]").text
    assert "Congé spécial" in queue or "congé spécial" in queue.lower(), queue
    assert_no_axe_violations(browser)
    open_page(browser, base_url, "/equipe/vademecum/conge-special/historique")
    assert "Une précision de relecture." in browser.find_element(By.CSS_SELECTOR, "pre.diff").text
