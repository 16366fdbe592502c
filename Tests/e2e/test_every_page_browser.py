"""Issue 15, « Done when »: every page, for every role, read in a real browser — French typography
in its text (no plain space before : ; ? !, no English status word), no horizontal scroll at 320 px,
and nothing for axe-core. The pages are those each role reaches from its own start pages."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import sign_in_through_form as sign_in, axe_violations, complete_second_factor, format_axe_violations, open_page, submit_and_wait
from relais_harness import RelaisServer, server_env

# A plain space (U+0020) before high punctuation; U+202F and U+00A0 are the right ones.
PLAIN_SPACE = re.compile(r"\S( [:;?!])(?=\s|$)")
ENGLISH = re.compile(r"\b(delivered|pending|failed|sending|case-[a-z-]+|fiche_[a-z_]+|Outplacement|make_data\.py)\b|erreur\(s\)")
SKIP = re.compile(r"(/deconnexion|\.csv$|\.json$|\.ics$|/export|#|\?page=|/livez|/healthz|mailto:|tel:)")
PAGES_PER_ROLE = 45

ROLES = {
    "visiteur": (None, None, ["/", "/parcours", "/annuaire", "/annuaire/33", "/partenaires", "/reseaux", "/vademecum",
                               "/recherche?q=fin", "/a-propos", "/connexion", "/inscription", "/mot-de-passe-oublie",
                               "/demandes/nouvelle?situation=fin-de-fonctions", "/parcours/fin-de-fonctions?departement=33"]),
    "directrice": ("directrice@demo.relais.example", "relais-demo-directrice", ["/compte", "/mes-demandes", "/mes-donnees", "/reseaux", "/groupes", "/groupes/1"]),
    "correspondant": ("correspondant@demo.relais.example", "relais-demo-correspondant", ["/correspondant", "/compte", "/groupes/2"]),
    "equipe": ("equipe@demo.relais.example", "relais-demo-equipe",
               ["/equipe", "/equipe/demandes", "/equipe/correspondants", "/equipe/courrier", "/equipe/journal", "/equipe/vademecum",
                "/equipe/vademecum/conge-special", "/equipe/vademecum/conge-special/historique", "/equipe/parcours",
                "/equipe/partenaires", "/equipe/reseaux", "/equipe/ateliers", "/equipe/synonymes", "/equipe/experts", "/equipe/groupes"]),
    "admin": ("admin@demo.relais.example", "relais-demo-admin", ["/equipe/comptes", "/compte/double-authentification"]),
    "expert": ("expert@demo.relais.example", "relais-demo-expert", ["/expert", "/compte"]),
}


@pytest.fixture(scope="module")
def crawl_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("every-page")
    server = RelaisServer(work / "relais.sqlite", work, demo=True, env=server_env())
    server.start()
    try:
        server.wait_until_live()
        yield server
    finally:
        server.stop()


def open_a_case(driver, base_url: str) -> None:
    """The director opens a case, so that the case pages are among those read."""
    open_page(driver, base_url, "/demandes/nouvelle?situation=fin-de-fonctions")
    driver.find_element(By.CSS_SELECTOR, "input[name=urgence]").click()
    driver.find_element(By.ID, "champ-recit").send_keys("Le maire m’a annoncé mon départ.")
    driver.find_element(By.ID, "champ-employeur_nom").send_keys("Commune de démonstration")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))


def pages_of(driver, base_url: str, starts: list[str]) -> list[str]:
    """The start pages, then the same-site links they show, in order, without repeats."""
    seen: list[str] = []
    for start in starts:
        if start not in seen:
            seen.append(start)
    for start in starts:
        open_page(driver, base_url, start)
        for link in driver.find_elements(By.CSS_SELECTOR, "main a[href]"):
            url = urlparse(link.get_attribute("href"))
            if url.netloc != urlparse(base_url).netloc or SKIP.search(link.get_attribute("href")):
                continue
            path = url.path + (f"?{url.query}" if url.query else "")
            if path not in seen:
                seen.append(path)
    return seen[:PAGES_PER_ROLE]


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_reads_french_fits_320_px_and_passes_axe(browser, crawl_server, role):
    base_url = crawl_server.base_url
    email, password, starts = ROLES[role]
    if email:
        sign_in(browser, base_url, email, password)
        if role == "directrice":
            open_a_case(browser, base_url)
            starts = starts + [urlparse(browser.current_url).path]
    problems: list[str] = []
    for path in pages_of(browser, base_url, starts):
        browser.set_window_size(320, 800)
        open_page(browser, base_url, path)
        text = browser.execute_script("return document.body.innerText")
        for match in PLAIN_SPACE.finditer(text):
            problems.append(f"{path}: plain space before « {match.group(1).strip()} » in « {text[max(0, match.start() - 30):match.end() + 5]} »")
        for match in ENGLISH.finditer(text):
            problems.append(f"{path}: English or raw word « {match.group(0)} »")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{path}: {width} px wide at 320 px")
        violations = axe_violations(browser)
        if violations:
            problems.append(format_axe_violations(violations, path))
    assert not problems, "\n".join(problems)
