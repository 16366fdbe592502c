"""The calendar's .ics export, reached from the parcours page and read by a strict iCalendar parser."""

from __future__ import annotations

import urllib.request
from datetime import date

import icalendar
import pytest
from selenium.webdriver.common.by import By

from browser_helpers import open_page

pytestmark = pytest.mark.browser

QUERY = "employeur=33063&designation=2026-03-22&entretien=2026-10-30&notification=2026-11-20"


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("Content-Type", ""), response.read()


def test_ics_export_from_the_parcours_page_parses_strictly(browser, base_url):
    open_page(browser, base_url, "/parcours/fin-de-fonctions?" + QUERY)
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Ajouter ces échéances à mon agenda")
    content_type, data = fetch(link.get_attribute("href"))
    assert content_type == "text/calendar; charset=utf-8"
    # RFC 5545: every line ends in CRLF and no physical line is longer than 75 octets.
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))

    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.errors == []
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert event.errors == []
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        # All-day events: dates, not date-times, ending the next day.
        assert type(start) is date and type(end) is date and (end - start).days == 1
        assert event.get("UID") and event.get("DTSTAMP")
        summary = str(event["SUMMARY"])
        assert summary.startswith("Échéance Relais")
        assert "Bordeaux" not in summary and "33063" not in data.decode("utf-8")
    days = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert days["Échéance Relais\u00a0: saisine du tribunal administratif"] == date(2027, 1, 21)
    assert days["Échéance Relais\u00a0: demande de licenciement avec indemnité"] == date(2026, 12, 30)
