"""Vademecum curation in a real browser: a staff member edits a sheet, a second one publishes it,
and a visitor's search finds the new text."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import sign_in_through_form as sign_in, assert_no_axe_violations, h1_text, open_page, submit_and_wait, complete_second_factor
from relais_harness import RelaisServer, server_env

NEW_WORD = "xylographie"


@pytest.fixture
def own_server(tmp_path):
    server = RelaisServer(tmp_path / "relais.sqlite", tmp_path, demo=True, env=server_env())
    server.start()
    try:
        server.wait_until_live()
        yield server
    finally:
        server.stop()


def sign_out(driver) -> None:
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".account-nav button"))


def test_edit_review_publish_and_find(browser, own_server):
    base_url = own_server.base_url

    sign_in(browser, base_url, "equipe@demo.relais.example", "relais-demo-equipe")
    open_page(browser, base_url, "/equipe/vademecum")
    assert h1_text(browser) == "Vademecum"
    assert_no_axe_violations(browser)
    open_page(browser, base_url, "/equipe/vademecum/conge-special")
    body = browser.find_element(By.ID, "champ-corps")
    body.send_keys(f"\n\nUn mot nouveau pour la recherche : {NEW_WORD}.")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=apercu]"))
    assert NEW_WORD in browser.find_element(By.CSS_SELECTOR, ".preview").text
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=enregistrer]"))
    assert "Nouvelle version enregistrée." in browser.page_source
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=relecture]"))
    assert "Fiche envoyée en relecture." in browser.page_source
    # The page tells the author that someone else must publish (the server refuses it otherwise).
    assert "un autre membre de l’équipe doit le relire" in browser.page_source
    sign_out(browser)

    sign_in(browser, base_url, "admin@demo.relais.example", "relais-demo-admin")
    open_page(browser, base_url, "/equipe/vademecum/conge-special")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=publier]"))
    assert "Fiche publiée" in browser.page_source
    open_page(browser, base_url, "/equipe/vademecum/conge-special/historique")
    assert NEW_WORD in browser.find_element(By.CSS_SELECTOR, "pre.diff").text
    assert_no_axe_violations(browser)
    sign_out(browser)

    browser.delete_all_cookies()
    open_page(browser, base_url, f"/recherche?q={NEW_WORD}")
    results = browser.find_element(By.CSS_SELECTOR, "main").text
    assert "congé spécial" in results.lower(), results
    assert_no_axe_violations(browser)
