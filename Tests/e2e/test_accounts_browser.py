"""Signing in through a real browser as each demo account (the server runs with --demo)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait, complete_second_factor

DEMO_ACCOUNTS = [
    ("directrice@demo.relais.example", "relais-demo-directrice", "/compte", "Mon compte"),
    # The demo correspondent is named as on the card they speak for: one name everywhere (issue 15).
    ("correspondant@demo.relais.example", "relais-demo-correspondant", "/correspondant", "Bonjour François Delmas"),
    ("equipe@demo.relais.example", "relais-demo-equipe", "/equipe", "Tableau de bord"),
    ("admin@demo.relais.example", "relais-demo-admin", "/equipe", "Tableau de bord"),
]


def sign_in(driver, base_url: str, email: str, password: str) -> None:
    open_page(driver, base_url, "/connexion")
    driver.find_element(By.ID, "champ-email").send_keys(email)
    driver.find_element(By.ID, "champ-motdepasse").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    complete_second_factor(driver, base_url, email)


def test_sign_in_page_lists_the_demo_accounts_and_is_accessible(browser, base_url):
    open_page(browser, base_url, "/connexion")
    assert h1_text(browser) == "Se connecter"
    assert "relais-demo-admin" in browser.find_element(By.CSS_SELECTOR, ".demo-accounts").text
    assert_no_axe_violations(browser)


@pytest.mark.parametrize(("email", "password", "landing", "heading"), DEMO_ACCOUNTS)
def test_each_demo_account_signs_in_and_out(browser, base_url, email, password, landing, heading):
    sign_in(browser, base_url, email, password)

    assert browser.current_url == base_url + landing
    assert h1_text(browser) == heading
    assert_no_axe_violations(browser)

    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".account-nav button"))
    assert browser.current_url.startswith(base_url + "/connexion")
    assert "Vous êtes déconnecté." in browser.page_source


def test_a_wrong_password_keeps_the_address_and_says_why(browser, base_url):
    sign_in(browser, base_url, "equipe@demo.relais.example", "pas-le-bon-mot-de-passe")

    assert "Adresse électronique ou mot de passe incorrect." in browser.page_source
    assert browser.find_element(By.ID, "champ-email").get_attribute("value") == "equipe@demo.relais.example"
    assert browser.find_element(By.ID, "champ-motdepasse").get_attribute("value") == ""
    assert_no_axe_violations(browser)


def test_sign_up_form_searches_employers_without_javascript(browser, base_url):
    open_page(browser, base_url, "/inscription")
    browser.find_element(By.ID, "champ-nom").send_keys("Camille Durand")
    browser.find_element(By.ID, "champ-employeur_recherche").send_keys("bordeaux")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=rechercher]"))

    labels = [label.text for label in browser.find_elements(By.CSS_SELECTOR, "ul.choices label[for^=employeur-]")]
    assert any(label.startswith("Bordeaux (33)") for label in labels), labels
    assert browser.find_element(By.ID, "champ-nom").get_attribute("value") == "Camille Durand"
    assert_no_axe_violations(browser)
