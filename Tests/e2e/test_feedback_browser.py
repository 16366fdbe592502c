"""Feedback in a real browser (issue 21, items 2 and 3), with mail through a real SMTP server: a
closed case's director follows the neutral mail's link, answers the three questions, and their
comment reaches the correspondent only when they allowed it; a visitor rates a fact sheet and
reports an error on it, and staff turn the report into a draft version of the sheet."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait, sign_in_through_form
from relais_harness import RelaisServer, server_env
from test_case_journey import mail_server, server_with_mail, sign_in, sign_out, text_of  # noqa: F401 (fixtures)

DIRECTOR = ("directrice@demo.relais.example", "relais-demo-directrice")
CORRESPONDENT = ("correspondant@demo.relais.example", "relais-demo-correspondant")
NARRATIVE = "Le maire Quintilien m’annonce ma décharge de fonctions."


def leave(browser, base_url: str) -> None:
    """Signs out and forgets the browser, then opens a fresh sign-in form (its token bound to the new visit)."""
    sign_out(browser)
    browser.delete_all_cookies()
    open_page(browser, base_url, "/connexion")


def open_and_close_case(browser, base_url: str) -> str:
    """The director opens a case; the correspondent accepts and closes it. Returns its reference."""
    sign_in(browser, base_url, *DIRECTOR)
    open_page(browser, base_url, "/parcours/fin-de-fonctions?urgence=decision-annoncee")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Ouvrir une demande d’accompagnement"))
    browser.find_element(By.ID, "champ-recit").send_keys(NARRATIVE)
    browser.find_element(By.ID, "champ-employeur_nom").send_keys("Commune de démonstration")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))
    heading = h1_text(browser)
    assert re.fullmatch(r"Demande R-\d{4}-\d{5}", heading), browser.page_source[:2000]
    reference = heading.removeprefix("Demande ")
    leave(browser, base_url)

    sign_in(browser, base_url, *CORRESPONDENT)
    open_page(browser, base_url, f"/demandes/{reference}")
    accept = browser.find_elements(By.CSS_SELECTOR, "button[value=accepter]")
    assert accept, browser.find_element(By.TAG_NAME, "main").text[:1500]
    submit_and_wait(browser, accept[0])
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=clore_resolue]"))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.form button[value=clore_resolue]"))
    assert "Close" in browser.find_element(By.CSS_SELECTOR, ".case-status").text
    leave(browser, base_url)
    return reference


def answer(browser, base_url: str, mailbox, reference: str, comment: str, share: bool) -> None:
    """Follows the mail's link as a signed-out browser would, signs in, and answers."""
    mail = mailbox.wait_for(DIRECTOR[0], "du nouveau dans votre espace", body_part=f"{reference} est close. L’association vous pose")
    body = text_of(mail)
    assert "Quintilien" not in body and "décharge" not in body and "Commune de démonstration" not in body
    link = re.search(r"http://\S+/demandes/R-\d{4}-\d{5}/retour", body).group(0)
    assert reference in link

    browser.delete_all_cookies()
    browser.get(link)
    assert "/connexion" in browser.current_url, "the link records nothing: it asks to sign in"
    sign_in(browser, base_url, *DIRECTOR)
    assert browser.current_url.endswith(f"/demandes/{reference}/retour")
    assert h1_text(browser) == f"Trois questions sur la demande {reference}"
    assert_no_axe_violations(browser)
    # Sending without answering: French messages, nothing recorded.
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer mes réponses']"))
    assert "Choisissez une réponse." in browser.page_source
    assert_no_axe_violations(browser)

    browser.find_element(By.CSS_SELECTOR, "label[for='a_temps-oui']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='utile-oui']").click()
    browser.find_element(By.CSS_SELECTOR, "label[for='recommande-en_partie']").click()
    browser.find_element(By.ID, "champ-commentaire").send_keys(comment)
    share_box = browser.find_element(By.ID, "champ-partage")
    assert not share_box.is_selected(), "the comment is not shared by default"
    if share:
        browser.find_element(By.CSS_SELECTOR, "label[for='champ-partage']").click()
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer mes réponses']"))
    assert "/mes-demandes" in browser.current_url
    assert "Vos réponses sont enregistrées." in browser.page_source
    assert f"/demandes/{reference}/retour" not in browser.page_source
    leave(browser, base_url)


def test_closed_case_director_answers_and_the_comment_reaches_the_correspondent_only_when_allowed(browser, server_with_mail):
    server, mailbox = server_with_mail
    base_url = server.base_url

    kept = open_and_close_case(browser, base_url)
    answer(browser, base_url, mailbox, kept, "Un commentaire pour l’équipe seulement.", share=False)
    shared = open_and_close_case(browser, base_url)
    answer(browser, base_url, mailbox, shared, "Merci pour votre écoute attentive.", share=True)

    sign_in(browser, base_url, *CORRESPONDENT)
    open_page(browser, base_url, f"/demandes/{kept}")
    assert "pour l’équipe seulement" not in browser.page_source
    assert "Le mot du directeur" not in browser.page_source
    open_page(browser, base_url, f"/demandes/{shared}")
    block = browser.find_element(By.XPATH, "//section[.//h2[normalize-space()='Le mot du directeur à la clôture']]").text
    assert "Merci pour votre écoute attentive." in block
    # The three answers are never the correspondent's.
    assert "Oui, à temps" not in browser.page_source and "Peut-être" not in browser.page_source
    assert_no_axe_violations(browser)
    leave(browser, base_url)

    sign_in(browser, base_url, "equipe@demo.relais.example", "relais-demo-equipe")
    open_page(browser, base_url, "/equipe/retours")
    assert h1_text(browser) == "Retours des directeurs"
    page = browser.find_element(By.TAG_NAME, "main").text
    assert kept not in page and shared not in page and "Merci pour votre écoute" not in page
    assert_no_axe_violations(browser)


@pytest.fixture
def own_server(tmp_path):
    server = RelaisServer(tmp_path / "relais.sqlite", tmp_path, demo=True, env=server_env())
    server.start()
    try:
        server.wait_until_live()
        yield server
    finally:
        server.stop()


def test_a_visitor_reports_an_error_on_a_sheet_and_staff_turn_it_into_a_draft(browser, own_server):
    base_url = own_server.base_url
    report = "L’article 53 a été modifié par la loi de 2026 : la durée n’est plus la même."

    browser.delete_all_cookies()
    open_page(browser, base_url, "/vademecum/conge-special")
    # « Cette fiche vous a-t-elle aidé ? » leads to a form; the answer chosen comes checked.
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".sheet-feedback button[value=oui]"))
    assert h1_text(browser) == "Cette fiche vous a-t-elle aidé\u202f?"
    assert browser.find_element(By.ID, "reponse-oui").is_selected()
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer']"))
    assert "Votre réponse est enregistrée" in browser.page_source

    open_page(browser, base_url, "/vademecum/conge-special")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Signaler une erreur ou un changement de la loi"))
    assert h1_text(browser) == "Signaler une erreur ou un changement de la loi"
    assert_no_axe_violations(browser)
    browser.find_element(By.ID, "champ-signalement").send_keys(report)
    browser.find_element(By.ID, "champ-courriel").send_keys("lecteur@exemple.fr")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer le signalement']"))
    assert "Votre signalement est transmis" in browser.page_source
    assert_no_axe_violations(browser)

    sign_in_through_form(browser, base_url, "equipe@demo.relais.example", "relais-demo-equipe")
    open_page(browser, base_url, "/equipe/vademecum")
    assert "1 signalement(s) à traiter" in browser.page_source
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Voir la file des signalements"))
    assert h1_text(browser) == "Signalements et avis des lecteurs"
    assert report in browser.find_element(By.TAG_NAME, "main").text
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Ouvrir un brouillon de la fiche')]"))
    assert browser.current_url.endswith("/equipe/vademecum/conge-special?message=signalement")
    reports = browser.find_element(By.XPATH, "//section[.//h2[normalize-space()='Signalements des lecteurs sur cette fiche']]").text
    assert report in reports
    assert "Brouillon" in browser.page_source or "brouillon" in browser.find_element(By.TAG_NAME, "header").text.lower()
    assert_no_axe_violations(browser)
