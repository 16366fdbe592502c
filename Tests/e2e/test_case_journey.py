"""The case journey in a real browser, with mail through a real SMTP server (aiosmtpd in-process):
a director opens a case from a parcours, the correspondent reads the mail, signs in, accepts and
replies, and the director sees the reply."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait, complete_second_factor
from relais_harness import RelaisServer, free_port, server_env

MAIL_WAIT = 20.0


class Mailbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def wait_for(self, recipient: str, subject_part: str, timeout: float = MAIL_WAIT, body_part: str = ""):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for recipients, message in self.messages:
                    if recipient in recipients and subject_part in str(message["subject"]) and body_part in text_of(message):
                        return message
            time.sleep(0.2)
        raise AssertionError(f"no mail to {recipient} about « {subject_part} » within {timeout} s: {self.summary()}")

    def summary(self) -> str:
        with self.lock:
            return "; ".join(f"{r} {m['subject']}" for r, m in self.messages)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def mail_server(tmp_path):
    controller_module = pytest.importorskip("aiosmtpd.controller")
    mailbox = Mailbox()
    port = free_port()
    controller = controller_module.Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()


@pytest.fixture
def server_with_mail(tmp_path, mail_server):
    port, mailbox = mail_server
    server = RelaisServer(
        tmp_path / "relais.sqlite", tmp_path, demo=True,
        env=server_env(RELAIS_SMTP_URL=f"smtp://127.0.0.1:{port}", RELAIS_STAFF_EMAIL="equipe@demo.relais.example"),
    )
    server.start()
    try:
        server.wait_until_live()
        yield server, mailbox
    finally:
        server.stop()


def sign_in(driver, base_url: str, email_address: str, password: str) -> None:
    if "/connexion" not in driver.current_url:
        open_page(driver, base_url, "/connexion")
    driver.find_element(By.ID, "champ-email").send_keys(email_address)
    driver.find_element(By.ID, "champ-motdepasse").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    complete_second_factor(driver, base_url, email_address)


def sign_out(driver) -> None:
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".account-nav button"))


def test_director_opens_a_case_the_correspondent_accepts_and_replies(browser, server_with_mail):
    server, mailbox = server_with_mail
    base_url = server.base_url
    narrative = "Le maire m’a annoncé ma fin de fonctions.\nJe voudrais en parler vite."

    # The director goes from a parcours to the case form, pre-filled from their account.
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    open_page(browser, base_url, "/parcours/fin-de-fonctions?urgence=decision-annoncee")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Ouvrir une demande d’accompagnement"))
    assert h1_text(browser) == "Demander un accompagnement"
    assert_no_axe_violations(browser)
    browser.find_element(By.ID, "champ-recit").send_keys(narrative)
    browser.find_element(By.ID, "champ-employeur_nom").send_keys("Commune de démonstration")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))
    heading = h1_text(browser)
    assert re.fullmatch(r"Demande R-\d{4}-\d{5}", heading), browser.page_source[:2000]
    reference = heading.removeprefix("Demande ")
    assert "Je voudrais en parler vite." in browser.find_element(By.CSS_SELECTOR, ".plain-text").text
    assert_no_axe_violations(browser)

    # The assigned correspondent's mail arrives: a reference and a link, nothing of the case.
    assigned = mailbox.wait_for("correspondant@demo.relais.example", "nouvelle demande")
    body = text_of(assigned)
    assert reference in body
    assert "maire" not in body and "fin de fonctions" not in body.lower()
    link = re.search(r"http://\S+/demandes/R-\d{4}-\d{5}", body).group(0)
    # Every mail to a director has the same neutral subject (issue 15): the body tells them apart.
    acknowledgement = mailbox.wait_for("directrice@demo.relais.example", "du nouveau dans votre espace", body_part="enregistrée sous la référence")
    assert "maire" not in text_of(acknowledgement)

    # The correspondent follows the link, signs in, lands on the case, accepts and replies.
    sign_out(browser)
    browser.delete_all_cookies()
    browser.get(link)
    assert "/connexion" in browser.current_url
    sign_in(browser, base_url, "correspondant@demo.relais.example", "relais-demo-correspondant")
    assert browser.current_url.endswith("/demandes/" + reference)
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=accepter]"))
    assert "Prise en charge" in browser.find_element(By.CSS_SELECTOR, ".case-status").text
    browser.find_element(By.ID, "champ-message").send_keys("Bonjour, je vous appelle demain matin.")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer le message']"))
    assert "je vous appelle demain matin" in browser.page_source

    # The director gets a neutral mail and sees the reply.
    notice = mailbox.wait_for("directrice@demo.relais.example", "du nouveau dans votre espace", body_part="nouveau message")
    assert "demain matin" not in text_of(notice)
    sign_out(browser)
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    open_page(browser, base_url, "/mes-demandes")
    assert reference in browser.page_source
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, reference))
    thread = browser.find_element(By.CSS_SELECTOR, ".thread").text
    assert "Bonjour, je vous appelle demain matin." in thread
    assert "suit votre demande" in browser.find_element(By.CSS_SELECTOR, ".case-status").text
