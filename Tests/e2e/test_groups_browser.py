"""An exchange group in a real browser, with mail through a real SMTP server (issue 20): in the demo
group « Piloter une fin de détachement sans la subir », the director (its référent) plans a meeting;
the correspondent gets the invitation whose `.ics` the `icalendar` package parses strictly, and which
says nothing of the group; they take the scribe's role, write the notes and an action item for the
director, which appears on the director's `/compte`. Someone outside the group gets 404 on every
group page."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait
from test_case_journey import mail_server, server_with_mail, sign_in, sign_out, text_of  # noqa: F401 (fixtures)

GROUP = "Piloter une fin de détachement sans la subir"
DIRECTOR = ("directrice@demo.relais.example", "relais-demo-directrice")
CORRESPONDENT = ("correspondant@demo.relais.example", "relais-demo-correspondant")
OUTSIDER = ("karim.benali@correspondants.relais.example", "relais-demo-correspondant")
AGENDA = "Relire ensemble les protocoles de transition"
ACTION = "Envoyer le modèle de protocole aux membres"


def leave(browser, base_url: str) -> None:
    sign_out(browser)
    browser.delete_all_cookies()
    open_page(browser, base_url, "/connexion")


def set_value(browser, element_id: str, value: str) -> None:
    """Types into a date or datetime-local field the way every browser accepts: its value, set."""
    browser.execute_script("arguments[0].value = arguments[1];", browser.find_element(By.ID, element_id), value)


def test_referent_plans_scribe_writes_notes_action_on_owners_page(browser, server_with_mail):
    pytest.importorskip("icalendar")
    import icalendar

    server, mailbox = server_with_mail
    base_url = server.base_url
    day = datetime.date.today() + datetime.timedelta(days=7)

    # The référent opens the group from « Mes équipes d’échanges » and plans a meeting.
    sign_in(browser, base_url, *DIRECTOR)
    open_page(browser, base_url, "/groupes")
    browser.find_element(By.LINK_TEXT, GROUP).click()
    assert h1_text(browser) == GROUP
    group_url = browser.current_url
    assert_no_axe_violations(browser)
    browser.find_element(By.LINK_TEXT, "Planifier une réunion").click()
    assert h1_text(browser) == "Planifier une réunion"
    set_value(browser, "champ-debut", f"{day.isoformat()}T18:30")
    set_value(browser, "champ-fin", f"{day.isoformat()}T20:00")
    browser.find_element(By.ID, "champ-visio").click()
    browser.find_element(By.ID, "champ-lieu").send_keys("https://visio.exemple.fr/equipe-secrete")
    browser.find_element(By.ID, "champ-ordre").send_keys(AGENDA)
    assert_no_axe_violations(browser)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Planifier la réunion']"))
    meeting_url = browser.current_url
    assert "/reunions/" in meeting_url
    assert AGENDA in browser.page_source
    leave(browser, base_url)

    # The member's invitation: neutral, with an .ics a strict parser reads at the meeting's time.
    invitation = mailbox.wait_for(CORRESPONDENT[0], "réunion de votre équipe d’échanges")
    body = text_of(invitation)
    for secret in (GROUP, AGENDA, "equipe-secrete"):
        assert secret not in body
    attachments = list(invitation.iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_filename() == "reunion.ics"
    raw = attachments[0].get_payload(decode=True)
    assert GROUP.encode() not in raw and AGENDA.encode() not in raw
    event = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))[0]
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert event.decoded("DTSTART") == datetime.datetime(day.year, day.month, day.day, 18, 30, tzinfo=paris)
    assert str(event["UID"]).startswith("reunion-")

    # A member takes the scribe's role, writes the notes and an action item for the référent.
    sign_in(browser, base_url, *CORRESPONDENT)
    browser.get(meeting_url)
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[contains(., 'Je prends ce rôle') and contains(., 'Scribe')]"))
    assert "Vous avez pris ce rôle." in browser.page_source
    browser.find_element(By.ID, "champ-notes").send_keys("## Ce qui a été fait\n\n- Tour de table\n- Relecture des protocoles")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Enregistrer les notes']"))
    notes = browser.find_element(By.ID, "notes-actuelles")
    assert notes.find_element(By.TAG_NAME, "h2").text == "Ce qui a été fait"
    browser.find_element(By.ID, "champ-action").send_keys(ACTION)
    owner = browser.find_element(By.ID, "champ-responsable")
    owner.find_element(By.XPATH, "./option[normalize-space()='Claire Demo']").click()
    set_value(browser, "champ-echeance", (day + datetime.timedelta(days=14)).isoformat())
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Ajouter l’action']"))
    assert "L’action est ajoutée" in browser.page_source
    assert_no_axe_violations(browser)
    leave(browser, base_url)

    # The action item is on its owner's page, linking to the meeting.
    sign_in(browser, base_url, *DIRECTOR)
    open_page(browser, base_url, "/compte")
    section = browser.find_element(By.ID, "titre-mes-actions").find_element(By.XPATH, "..")
    assert ACTION in section.text
    assert section.find_element(By.LINK_TEXT, ACTION).get_attribute("href") == meeting_url
    mailbox.wait_for(DIRECTOR[0], "une action vous est confiée")
    leave(browser, base_url)

    # Someone outside the group finds nothing there.
    sign_in(browser, base_url, *OUTSIDER)
    for url in (group_url, meeting_url, meeting_url + "/notes/1", group_url + "/reunions/nouvelle"):
        browser.get(url)
        assert h1_text(browser) == "Page introuvable", url
        assert AGENDA not in browser.page_source
