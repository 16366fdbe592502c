"""An expert's avis with the director's consent, in a real browser (issue 19): the correspondent proposes
an avis with one document, the director reviews and accepts, the expert declares no conflict, reads,
answers with a file, the director reads the avis, then revokes, and the expert gets 404."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait
from relais_harness import RelaisServer
from test_case_files_browser import download, pdf, sign_in
from test_case_journey import sign_out


@pytest.fixture
def server(tmp_path):
    instance = RelaisServer(tmp_path / "relais.sqlite", tmp_path, demo=True)
    instance.start()
    try:
        instance.wait_until_live()
        yield instance, tmp_path
    finally:
        instance.stop()


def leave(browser) -> None:
    sign_out(browser)
    browser.delete_all_cookies()


def test_avis_proposed_accepted_answered_then_revoked(browser, server):
    instance, folder = server
    base_url = instance.base_url
    (folder / "Protocole de départ.pdf").write_bytes(pdf("protocole", 60_000))
    (folder / "Avis juridique.pdf").write_bytes(pdf("avis", 40_000))

    # The director opens a case and sends the draft protocol.
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    open_page(browser, base_url, "/parcours/fin-de-fonctions?urgence=decision-annoncee")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Ouvrir une demande d’accompagnement"))
    browser.find_element(By.ID, "champ-recit").send_keys("Le maire me propose un protocole de départ que je ne comprends pas.")
    browser.find_element(By.ID, "champ-employeur_nom").send_keys("Commune de démonstration")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))
    reference = h1_text(browser).removeprefix("Demande ")
    browser.find_element(By.ID, "champ-message").send_keys("Voici le projet de protocole.")
    browser.find_element(By.ID, "champ-pieces-message").send_keys(str(folder / "Protocole de départ.pdf"))
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer le message']"))
    leave(browser)

    # The correspondent proposes an avis from the demo expert, with the protocol.
    sign_in(browser, base_url, "correspondant@demo.relais.example", "relais-demo-correspondant")
    open_page(browser, base_url, f"/demandes/{reference}")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Demander l’avis d’un expert"))
    assert h1_text(browser) == "Demander l’avis d’un expert"
    assert_no_axe_violations(browser)
    Select(browser.find_element(By.ID, "champ-expert")).select_by_visible_text(
        next(o.text for o in Select(browser.find_element(By.ID, "champ-expert")).options if "Maître Démo" in o.text))
    browser.find_element(By.ID, "champ-question").send_keys("Ce protocole de départ respecte-t-il les droits du DGS ?")
    browser.find_element(By.ID, "champ-resume").send_keys("DGS d’une commune, décharge de fonctions annoncée, protocole proposé.")
    browser.find_element(By.CSS_SELECTOR, "input[type=checkbox][name^=piece-]").click()
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Proposer au directeur']"))
    assert "proposée au directeur" in browser.page_source
    leave(browser)

    # The director reviews exactly what would be shared, and accepts.
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    open_page(browser, base_url, f"/demandes/{reference}")
    avis = browser.find_element(By.ID, "avis")
    assert "Maître Démo" in avis.text and "Protocole de départ.pdf" in avis.text
    assert "respecte-t-il les droits du DGS" in avis.text
    assert_no_axe_violations(browser)
    submit_and_wait(browser, avis.find_element(By.XPATH, ".//button[normalize-space()='Accepter et transmettre']"))
    assert "L’expert est invité à se connecter" in browser.page_source
    leave(browser)

    # The expert: the question first, no conflict, then the summary and the file; the avis, with a file.
    sign_in(browser, base_url, "expert@demo.relais.example", "relais-demo-expert")
    assert browser.current_url.endswith("/expert"), browser.current_url
    submit_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Demande d’avis n°"))
    avis_url = browser.current_url
    assert "respecte-t-il les droits du DGS" in browser.page_source
    assert "Protocole de départ.pdf" not in browser.page_source
    assert "protocole de départ que je ne comprends pas" not in browser.page_source
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Je n’ai pas de conflit d’intérêts']"))
    assert "décharge de fonctions annoncée" in browser.page_source
    link = browser.find_element(By.LINK_TEXT, "Protocole de départ.pdf").get_attribute("href")
    status, body, _ = download(browser, link)
    assert status == 200 and body == (folder / "Protocole de départ.pdf").read_bytes()
    browser.find_element(By.ID, "champ-message").send_keys("Le protocole doit mentionner l’indemnité de licenciement.")
    browser.find_element(By.ID, "champ-pieces-message").send_keys(str(folder / "Avis juridique.pdf"))
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer']"))
    assert "Message envoyé." in browser.page_source
    assert_no_axe_violations(browser)
    expert_cookies = browser.get_cookies()
    leave(browser)

    # The director reads the avis and its file, then revokes.
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    open_page(browser, base_url, f"/demandes/{reference}")
    avis = browser.find_element(By.ID, "avis")
    assert "Le protocole doit mentionner l’indemnité de licenciement." in avis.text
    status, body, _ = download(browser, avis.find_element(By.LINK_TEXT, "Avis juridique.pdf").get_attribute("href"))
    assert status == 200 and body == (folder / "Avis juridique.pdf").read_bytes()
    submit_and_wait(browser, avis.find_element(By.XPATH, ".//button[normalize-space()='Mettre fin à l’accès de l’expert']"))
    assert "L’accès de l’expert est révoqué." in browser.page_source
    leave(browser)

    # The expert gets 404, for the request and for the file.
    sign_in(browser, base_url, "expert@demo.relais.example", "relais-demo-expert")
    status, _, _ = download(browser, avis_url)
    assert status == 404
    status, _, _ = download(browser, link)
    assert status == 404
    open_page(browser, base_url, "/expert")
    assert "Accès révoqué par le directeur" in browser.page_source
    assert re.search(r'href="/avis/\d+"', browser.page_source) is None
