"""Files in a case's thread, in a real browser (issue 18): the director attaches two PDFs to a message,
the correspondent sees them in « Pièces du dossier » and downloads one (the bytes compared), and
another director gets a 404 at its address. Then the command line: the master key is rotated with the
server stopped and the file still opens; `relais files check` finds a file changed on disk; a backup
carries the files."""

from __future__ import annotations

import http.cookiejar
import re
import subprocess
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from browser_helpers import assert_no_axe_violations, h1_text, open_page, submit_and_wait
from relais_harness import REPO, RELAIS_BIN, RelaisServer, server_env
from test_case_journey import sign_in as sign_in_here, sign_out


def sign_in(driver, base_url: str, email_address: str, password: str) -> None:
    """Signs in from a fresh sign-in page (the cookies of the previous person are gone)."""
    open_page(driver, base_url, "/connexion")
    sign_in_here(driver, base_url, email_address, password)

OTHER_EMAIL = "autre.directeur@exemple.fr"
OTHER_PASSWORD = "une autre phrase assez longue"


def pdf(text: str, size: int) -> bytes:
    head = f"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n".encode()
    return head + b"0" * (size - len(head) - 6) + b"\n%%EOF"


def relais(*args: str, db, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RELAIS_BIN), *args, "--db", str(db)], cwd=REPO, env=server_env(), input=stdin,
                          capture_output=True, text=True, timeout=60)


def download(browser, url: str) -> tuple[int, bytes, dict]:
    """The file at `url` with the browser's session cookie (Chromium would save it instead of showing it)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture
def server(tmp_path):
    database = tmp_path / "relais.sqlite"
    instance = RelaisServer(database, tmp_path, demo=True)
    instance.start()
    try:
        instance.wait_until_live()
        added = relais("user", "add", "--email", OTHER_EMAIL, "--name", "Autre Directeur", "--role", "demandeur", db=database,
                       stdin=OTHER_PASSWORD + "\n")
        assert added.returncode == 0, added.stderr
        yield instance, database, tmp_path
    finally:
        instance.stop()


def test_two_pdfs_in_a_message_reach_the_correspondent_and_nobody_else(browser, server):
    instance, database, folder = server
    base_url = instance.base_url
    convocation, arrete = pdf("convocation", 180_000), pdf("arrete", 95_000)
    (folder / "Convocation à l’entretien.pdf").write_bytes(convocation)
    (folder / "Arrêté.pdf").write_bytes(arrete)

    # The director opens a case and sends a message with both files.
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    open_page(browser, base_url, "/parcours/fin-de-fonctions?urgence=decision-annoncee")
    submit_and_wait(browser, browser.find_element(By.LINK_TEXT, "Ouvrir une demande d’accompagnement"))
    browser.find_element(By.ID, "champ-recit").send_keys("Le maire m’a convoquée pour un entretien.")
    browser.find_element(By.ID, "champ-employeur_nom").send_keys("Commune de démonstration")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.button-primary[value=envoyer]"))
    reference = h1_text(browser).removeprefix("Demande ")
    assert re.fullmatch(r"R-\d{4}-\d{5}", reference), browser.page_source[:2000]
    browser.find_element(By.ID, "champ-message").send_keys("Voici la convocation et l’arrêté.")
    browser.find_element(By.ID, "champ-pieces-message").send_keys(
        str(folder / "Convocation à l’entretien.pdf") + "\n" + str(folder / "Arrêté.pdf"))
    submit_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Envoyer le message']"))
    assert "Message envoyé." in browser.page_source, re.sub(r"\s+", " ", browser.find_element(By.TAG_NAME, "main").text)[:3000]
    pieces = browser.find_element(By.ID, "pieces").text
    assert "Convocation à l’entretien.pdf" in pieces and "Arrêté.pdf" in pieces
    assert_no_axe_violations(browser)
    sign_out(browser)
    browser.delete_all_cookies()

    # The correspondent finds both in « Pièces du dossier » and downloads one: the same bytes.
    sign_in(browser, base_url, "correspondant@demo.relais.example", "relais-demo-correspondant")
    open_page(browser, base_url, f"/demandes/{reference}")
    assert h1_text(browser) == f"Demande {reference}", re.sub(r"\s+", " ", browser.find_element(By.TAG_NAME, "body").text)[:1500]
    pieces = browser.find_element(By.ID, "pieces")
    assert "Convocation à l’entretien.pdf" in pieces.text and "Arrêté.pdf" in pieces.text
    assert "ajoutée par Claire Demo" in pieces.text
    link = pieces.find_element(By.LINK_TEXT, "Convocation à l’entretien.pdf").get_attribute("href")
    status, body, headers = download(browser, link)
    assert status == 200
    assert body == convocation
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Security-Policy"].startswith("sandbox")
    assert_no_axe_violations(browser)
    sign_out(browser)
    browser.delete_all_cookies()

    # Another director: 404 at the file's address, as at the case's.
    sign_in(browser, base_url, OTHER_EMAIL, OTHER_PASSWORD)
    status, body, _ = download(browser, link)
    assert status == 404
    assert convocation[:40] not in body
    browser.get(link)
    assert "introuvable" in browser.page_source.lower() or "404" in browser.title
    browser.delete_all_cookies()

    # Rotation with the server stopped: files.key changes, no file on disk changes, the file still opens.
    files_folder = folder / "files"
    on_disk = {path: path.read_bytes() for path in files_folder.rglob("*") if path.is_file() and path.parent.name != "tmp" and path.name != ".lock"}
    assert len(on_disk) == 2
    assert all(convocation[:64] not in data for data in on_disk.values())
    old_key = (folder / "files.key").read_text()
    instance.stop()
    rotated = relais("files", "rotate-key", db=database)
    assert rotated.returncode == 0, rotated.stderr
    assert "2 file keys rewrapped" in rotated.stdout
    assert (folder / "files.key").read_text() != old_key
    assert {path: path.read_bytes() for path in on_disk} == on_disk
    checked = relais("files", "check", db=database)
    assert checked.returncode == 0 and "2 files checked, 0 with a problem" in checked.stdout, checked.stdout + checked.stderr

    # A backup carries both files, encrypted.
    backup = folder / "copie.sqlite"
    made = relais("backup", "--to", str(backup), db=database)
    assert made.returncode == 0, made.stderr
    assert len([p for p in (folder / "copie.sqlite-files").rglob("*") if p.is_file()]) == 2

    instance.start()
    instance.wait_until_live()
    sign_in(browser, base_url, "directrice@demo.relais.example", "relais-demo-directrice")
    status, body, _ = download(browser, link)
    assert status == 200 and body == convocation

    # A byte changed on disk: `relais files check` says so, and the file is never served.
    victim = next(path for path, data in on_disk.items() if len(data) > 150_000)
    changed = bytearray(victim.read_bytes())
    changed[len(changed) // 2] ^= 1
    victim.write_bytes(bytes(changed))
    status, body, _ = download(browser, link)
    assert status == 500
    assert convocation[:40] not in body
    checked = relais("files", "check", db=database)
    assert checked.returncode == 1 and "fails authentication" in checked.stdout, checked.stdout

    # A file gone from disk after the snapshot (withdrawn while a backup runs): the copy forgets it too.
    import sqlite3
    victim.unlink()
    second = folder / "copie-2.sqlite"
    made = relais("backup", "--to", str(second), db=database)
    assert made.returncode == 0, made.stderr
    assert "1 files deleted during the backup are left out of it" in made.stdout, made.stdout
    with sqlite3.connect(f"file:{second}?mode=ro", uri=True) as copy:
        assert copy.execute("SELECT count(*) FROM caseDocument WHERE withdrawnAt IS NULL").fetchone()[0] == 1
    assert len([p for p in (folder / "copie-2.sqlite-files").rglob("*") if p.is_file()]) == 1
