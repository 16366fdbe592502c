"""Peer support in a real browser, with mail through a real SMTP server (issue 21, item 1): the demo
correspondent volunteers as a pair for an « épuisement professionnel » (no seeded pair lived it, so
they are proposed first); the demo director asks to talk with them; the pair, warned by a mail that
names nobody, accepts; both write in the private exchange, which staff cannot open."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait
from test_ateliers_browser import leave
from test_case_journey import mail_server, server_with_mail, sign_in, sign_out  # noqa: F401 (fixtures)

DIRECTOR = ("directrice@demo.relais.example", "relais-demo-directrice")
PAIR = ("correspondant@demo.relais.example", "relais-demo-correspondant")
STAFF_EMAIL = "equipe@demo.relais.example"
SECRET_WORDS = "Marqueur ZOSTERE"


def test_a_director_asks_a_pair_who_accepts_and_they_exchange(browser, server_with_mail):
    server, mailbox = server_with_mail
    base_url = server.base_url

    # The pair volunteers through the form; a first try without any situation keeps what was typed.
    sign_in(browser, base_url, *PAIR)
    open_page(browser, base_url, "/pairs-aidants")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Devenir pair aidant"))
    assert h1_text(browser) == "Devenir pair aidant"
    Select(browser.find_element(By.ID, "champ-collectivite")).select_by_value("commune")
    Select(browser.find_element(By.ID, "champ-taille")).select_by_value("3500-20000")
    browser.find_element(By.ID, "champ-disponibilite").send_keys("Le jeudi soir")
    browser.find_element(By.ID, "champ-presentation").send_keys("Un burn-out en 2021, et la reprise.")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Devenir pair aidant']"))
    assert "Cochez au moins une situation que vous avez vécue." in browser.page_source
    assert browser.find_element(By.ID, "champ-presentation").get_attribute("value") == "Un burn-out en 2021, et la reprise."
    assert_no_axe_violations(browser)
    browser.find_element(By.ID, "experience-epuisement").click()
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Devenir pair aidant']"))
    assert "Votre profil de pair est enregistré." in browser.page_source
    leave(browser, base_url)

    # The director asks: the pair who lived it comes first; the message goes with the choice.
    sign_in(browser, base_url, *DIRECTOR)
    open_page(browser, base_url, "/pairs-aidants")
    assert_no_axe_violations(browser)
    Select(browser.find_element(By.ID, "champ-situation")).select_by_value("epuisement")
    browser.find_element(By.ID, "champ-meme-departement").click()
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Voir les pairs proposés']"))
    assert h1_text(browser) == "Choisir un pair"
    cards = browser.find_elements(By.CSS_SELECTOR, ".peer-card")
    assert 1 <= len(cards) <= 3
    assert "A vécu cette situation." in cards[0].text and "Un burn-out en 2021" in cards[0].text
    assert_no_axe_violations(browser)
    cards[0].find_element(By.CSS_SELECTOR, "input[type=radio]").click()
    browser.find_element(By.ID, "champ-message").send_keys(f"Bonjour, je suis à bout depuis la fusion. {SECRET_WORDS}")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer ma demande']"))
    assert "Votre demande est envoyée." in browser.page_source
    exchange = browser.current_url.split("?")[0]
    leave(browser, base_url)

    # The pair's mail says someone asks, nothing more.
    asked = mailbox.wait_for(PAIR[0], "souhaite échanger avec vous")
    text = asked.get_body(preferencelist=("plain",)).get_content()
    assert "ZOSTERE" not in text and "Claire" not in text and "/pairs-aidants/echanges/" in text

    # The pair reads the request without the director's name, and accepts.
    sign_in(browser, base_url, *PAIR)
    browser.get(exchange)
    assert "Un membre de l’association" in browser.page_source and "Claire Demo" not in browser.page_source
    assert SECRET_WORDS in browser.page_source
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Accepter l’échange']"))
    assert "Vous avez accepté l’échange." in browser.page_source
    assert "Claire Demo" in browser.page_source
    browser.find_element(By.ID, "champ-message").send_keys("Bonjour Claire, appelons-nous jeudi.")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer le message']"))
    assert "Votre message est envoyé." in browser.page_source
    leave(browser, base_url)

    answered = mailbox.wait_for(DIRECTOR[0], "du nouveau dans votre espace", body_part="a répondu à votre demande")
    assert "jeudi" not in answered.get_body(preferencelist=("plain",)).get_content()
    mailbox.wait_for(DIRECTOR[0], "du nouveau dans votre espace", body_part="échange entre pairs")

    # The director reads the answer in the exchange and replies.
    sign_in(browser, base_url, *DIRECTOR)
    browser.get(exchange)
    assert "appelons-nous jeudi." in browser.page_source
    assert "Échange ouvert jusqu’au" in browser.page_source
    browser.find_element(By.ID, "champ-message").send_keys("Avec plaisir, à jeudi.")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer le message']"))
    thread = browser.find_element(By.CSS_SELECTOR, "ol.thread").text
    assert "appelons-nous jeudi." in thread and "à jeudi." in thread
    assert_no_axe_violations(browser)
    leave(browser, base_url)
