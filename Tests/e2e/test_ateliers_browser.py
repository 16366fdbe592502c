"""Registering to an atelier in a real browser, with mail through a real SMTP server (issue 20): the
seeded atelier « Négocier un protocole de transition » has two places; two correspondents take them,
the director lands on the waiting list, moves up when one of them leaves, and gets the mail whose
`.ics` attachment the `icalendar` package parses strictly, at the atelier's time."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait
from test_case_journey import mail_server, server_with_mail, sign_in, sign_out  # noqa: F401 (fixtures)

TITLE = "Négocier un protocole de transition"
DIRECTOR = ("directrice@demo.relais.example", "relais-demo-directrice")
CORRESPONDENT = ("correspondant@demo.relais.example", "relais-demo-correspondant")
# Every seeded correspondent has a demo account with the demo correspondent's password.
OTHER = ("karim.benali@correspondants.relais.example", "relais-demo-correspondant")


def leave(browser, base_url: str) -> None:
    """Signs out and forgets the browser, then opens a fresh sign-in form (its token bound to the new visit)."""
    sign_out(browser)
    browser.delete_all_cookies()
    open_page(browser, base_url, "/connexion")


def atelier_url(browser, base_url: str) -> str:
    open_page(browser, base_url, "/reseaux")
    return browser.find_element(By.LINK_TEXT, TITLE).get_attribute("href")


def register(browser, base_url: str, account: tuple[str, str], url: str) -> str:
    sign_in(browser, base_url, *account)
    after_sign_in = browser.current_url + " " + browser.find_element(By.TAG_NAME, "main").text[:300]
    browser.get(url)
    buttons = browser.find_elements(By.XPATH, "//section[@aria-labelledby='titre-inscription']//button")
    assert buttons, f"{account[0]} after sign-in {after_sign_in}"
    button = buttons[0]
    label = button.text
    submit_and_wait(browser, button)
    return label


def test_full_atelier_waiting_list_moves_up_with_an_ics(browser, server_with_mail):
    pytest.importorskip("icalendar")
    import icalendar

    server, mailbox = server_with_mail
    base_url = server.base_url

    # A visitor sees the atelier and is asked to sign in, with a way back here.
    url = atelier_url(browser, base_url)
    browser.get(url)
    assert h1_text(browser) == TITLE
    assert "Connectez-vous ou créez un compte pour vous inscrire" in browser.page_source
    assert "2 places, 2 encore libres." in browser.page_source
    assert "visio.exemple.fr" not in browser.page_source
    assert_no_axe_violations(browser)

    # Two correspondents take the two places.
    for account in (CORRESPONDENT, OTHER):
        assert register(browser, base_url, account, url) == "S’inscrire"
        assert "Vous êtes inscrit à cet atelier." in browser.page_source
        assert "https://visio.exemple.fr/relais-protocole-transition" in browser.page_source
        leave(browser, base_url)

    # The director finds it full and lands on the waiting list.
    assert register(browser, base_url, DIRECTOR, url) == "M’inscrire sur la liste d’attente"
    assert "vous êtes sur la liste d’attente" in browser.page_source
    assert "en position 1" in browser.page_source
    assert "visio.exemple.fr" not in browser.page_source
    assert_no_axe_violations(browser)
    waiting = mailbox.wait_for(DIRECTOR[0], "liste d’attente")
    assert not [part for part in waiting.iter_attachments()]
    open_page(browser, base_url, "/compte")
    assert "Liste d’attente, position 1" in browser.find_element(By.ID, "titre-mes-ateliers").find_element(By.XPATH, "..").text
    leave(browser, base_url)

    # One correspondent leaves: the place goes to the director.
    sign_in(browser, base_url, *CORRESPONDENT)
    browser.get(url)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Se désinscrire']"))
    assert "Votre désinscription est enregistrée." in browser.page_source
    leave(browser, base_url)

    promoted = mailbox.wait_for(DIRECTOR[0], "une place s’est libérée")
    body = promoted.get_body(preferencelist=("plain",)).get_content()
    assert TITLE in body and "visio.exemple.fr" not in body
    attachments = list(promoted.iter_attachments())
    assert len(attachments) == 1
    ics = attachments[0]
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_filename() == "atelier.ics"
    assert ics.get_param("method") == "PUBLISH"
    raw = ics.get_payload(decode=True)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert event.decoded("DTSTART") == datetime.datetime(2027, 1, 14, 18, 30, tzinfo=paris)
    assert event.decoded("DTEND") == datetime.datetime(2027, 1, 14, 20, 0, tzinfo=paris)
    assert str(event["SUMMARY"]) == TITLE
    assert str(event["UID"]).startswith("atelier-negocier-protocole-transition-2027-01@")
    assert event.get("DTSTAMP") is not None

    # The director now holds a place and sees how to join.
    sign_in(browser, base_url, *DIRECTOR)
    browser.get(url)
    assert "Vous êtes inscrit à cet atelier." in browser.page_source
    assert "https://visio.exemple.fr/relais-protocole-transition" in browser.page_source
    assert re.search(r">\s*Se désinscrire\s*<", browser.page_source)
    assert_no_axe_violations(browser)
