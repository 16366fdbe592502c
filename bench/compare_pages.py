#!/usr/bin/env python3
"""Proves that two Relais binaries render every page byte for byte the same.

One freshly seeded database; OLD_BIN and NEW_BIN both serve it in demo mode (SQLite WAL lets two
processes share the file; the server key beside it is shared too, so a session cookie and its CSRF
token are valid and equal on both). On the old server, through the real forms: the demo director
saves their deadlines and opens a case, which routing gives to the demo correspondent; the
correspondent accepts it, both write in its thread, the correspondent and staff add private notes.
Staff and admin sign in with their second factor, set up through the 2FA pages (RFC 6238 codes).

Then, for a visitor and each role, a breadth-first crawl of same-origin links (`href="/…"`, and the
target of a redirect) from a list of start pages, up to --max-pages per role: each URL is fetched
from the old server then the new one with the same cookies, and status and body bytes must be equal
(headers are ignored). Prints a summary and, for each difference, a short unified diff of the first
differing lines; exits 1 on any difference.

What is handled, narrowly, because it differs between two fetches from the same binary:
- GET requests that write are audit lines only (a correspondent's or staff's reading of a case, a
  staff member reading a queued mail). A staff case page lists the case's readings, its own reading
  included, so the second server would show one more line: the audit lines the first fetch wrote
  are deleted before the second fetch, so both render the same database.
- The case form (`/demandes/nouvelle`) carries a fresh random submission token (`jeton`, against
  double submits) in every render; its value is blanked in both bodies before comparing.
- A calendar file (`….ics`) carries its generation time (`DTSTAMP`); that line is blanked.
- `/healthz` is JSON encoded from a Swift dictionary, whose key order depends on the process's
  random hash seed (found by this script: two processes of the same binary differ); it is compared
  with its keys sorted.
Downloads that write an audit line and only copy data (`/mes-donnees/export.json`,
`/equipe/exports/…`) are not fetched. Signing out is a POST: no link can do it.

Usage: python3 bench/compare_pages.py OLD_BIN NEW_BIN [--old-dir DIR] [--new-dir DIR]
       [--max-pages 400] [--per-shape 30] [--roles visiteur,demandeur,…] [--new-env NAME=VALUE …]
       [--list FILE] [--keep]
--old-dir/--new-dir: the project folder each binary runs in (its Templates/, Public/, Seeds/;
default: this checkout). --new-env: extra environment for the new server only (to check that a
difference is caught, e.g. RELAIS_ASSOCIATION_ADDRESS changes every fact sheet).
"""

from __future__ import annotations

import argparse
import collections
import difflib
import html
import http.client
import json
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from common import DEMO_PASSWORDS, REPO, Client, Reply, Server, clean_env, forms_in

START_PAGES = [
    "/", "/parcours", "/parcours/fin-de-fonctions",
    "/parcours/fin-de-fonctions?poste=dgs&employeur=33063&departement=33&information=2026-11-15",
    "/parcours/epuisement", "/axes/solidarite", "/axes/juridique", "/vademecum", "/vademecum/conge-special",
    "/annuaire", "/annuaire/33", "/annuaire/2A", "/recherche?q=conge", "/recherche?q=conge+spe", "/recherche?q=zzzz",
    "/recherche", "/partenaires", "/reseaux", "/a-propos", "/connexion", "/connexion?message=deconnecte",
    "/inscription", "/mot-de-passe-oublie", "/healthz", "/livez", "/page-qui-n-existe-pas", "/vademecum/fiche-inconnue",
    "/mes-demandes", "/demandes/nouvelle", "/demandes/nouvelle?situation=fin-de-fonctions",
    "/parcours/fin-de-fonctions/echeances?poste=dgs&employeur=33063&departement=33&information=2026-11-15",
    "/parcours/fin-de-fonctions/echeances.ics?poste=dgs&employeur=33063&departement=33&information=2026-11-15",
    "/compte", "/compte/profil", "/compte/adresse", "/compte/mot-de-passe", "/compte/double-authentification",
    "/mes-donnees", "/correspondant",
    "/equipe", "/equipe/demandes", "/equipe/demandes?statut=close", "/equipe/journal", "/equipe/courrier",
    "/equipe/correspondants", "/equipe/partenaires", "/equipe/reseaux", "/equipe/ateliers", "/equipe/parcours",
    "/equipe/vademecum", "/equipe/synonymes", "/equipe/comptes",
]
# Never fetched: downloads that write an audit line and copy data (no page to render).
SKIPPED = re.compile(r"^/(mes-donnees/export\.json|equipe/exports/)")
ROLES = ["visiteur", "demandeur", "correspondant", "equipe", "admin"]
REQUEST_TIMEOUT = 30.0
CRAWL_DEADLINE = 20 * 60  # seconds per role, a bound in case a server becomes very slow
# The visitor's form nonce (`relais_formulaire`), fixed so anonymous forms carry the same token on both.
VISITOR_NONCE = "comparaison-des-pages-0123456789abcdefghij"


def links(body: bytes) -> list[str]:
    """Same-origin links of a page: `href="/…"` (not `//host`), unescaped, without their fragment."""
    found = []
    for match in re.finditer(rb'href="(/(?!/)[^"]*)"', body):
        url = html.unescape(match.group(1).decode("utf-8", "replace")).split("#")[0]
        if url:
            found.append(url)
    return found


def shape(url: str) -> tuple:
    """What a family of URLs has in common: the parent path and the query's names. The crawl takes
    at most --per-shape URLs of one shape, so a hundred `/annuaire/NN` or `/demandes/nouvelle?departement=NN`
    variants do not use up the budget before the other pages are reached."""
    parts = urllib.parse.urlsplit(url)
    keys = tuple(sorted({key for key, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)}))
    return tuple(parts.path.rstrip("/").split("/")[:-1]) + keys


def normalise(path: str, body: bytes) -> bytes:
    """Blanks what legitimately differs between two renders by the same binary (module docstring)."""
    body = re.sub(rb'(name="jeton" value=")[^"]*"', rb'\1(random)"', body)
    if path.split("?")[0] == "/healthz" and body.startswith(b"{"):
        # Encoded from a Swift dictionary: its key order changes with each process's hash seed.
        try:
            return json.dumps(json.loads(body), sort_keys=True).encode()
        except ValueError:
            return body
    if path.split("?")[0].endswith(".ics"):
        body = re.sub(rb"DTSTAMP:[0-9TZ]+", b"DTSTAMP:(time)", body)
    return body


class AuditUndo:
    """Deletes the audit lines written since `mark()`: the first server's reading of a page, so the
    second server reads the same database (module docstring)."""

    def __init__(self, database: Path):
        self.connection = sqlite3.connect(database, timeout=30, isolation_level=None)
        self.undone = 0

    def mark(self) -> int:
        return self.connection.execute("SELECT coalesce(max(id), 0) FROM auditEvent").fetchone()[0]

    def undo(self, since: int) -> None:
        cursor = self.connection.execute("DELETE FROM auditEvent WHERE id > ?", (since,))
        self.undone += cursor.rowcount


def fetch(client: Client, path: str, cookie: str) -> Reply:
    headers = {"Cookie": cookie} if cookie else {}
    try:
        return client.request("GET", path, headers=headers)
    except (OSError, http.client.HTTPException) as error:
        client.close()
        return Reply(-1, {}, f"request failed: {error!r}".encode())


def first_difference(path: str, old: Reply, new: Reply, context: int = 2, limit: int = 24) -> str:
    """A short unified diff around the first differing lines."""
    if old.status != new.status:
        head = f"status {old.status} (old) ≠ {new.status} (new)"
        if old.body == new.body:
            return head
    else:
        head = f"status {old.status}, {len(old.body)} bytes (old) vs {len(new.body)} bytes (new)"
    a = normalise(path, old.body).decode("utf-8", "replace").splitlines()
    b = normalise(path, new.body).decode("utf-8", "replace").splitlines()
    diff = list(difflib.unified_diff(a, b, "old", "new", n=context, lineterm=""))
    if not diff:
        return head + " (the bodies differ only in line endings or trailing bytes)"
    # Long lines (inline SVG, minified attributes) are cut to a window around the first differing column.
    removed = next((line[1:] for line in diff[2:] if line.startswith("-")), "")
    added = next((line[1:] for line in diff[2:] if line.startswith("+")), "")
    column = next((i for i, (x, y) in enumerate(zip(removed, added)) if x != y), min(len(removed), len(added)))
    start = max(0, column - 100)

    def clip(line: str) -> str:
        if line.startswith(("---", "+++", "@@")) or len(line) <= 241:
            return line
        text = line[1 + start:1 + start + 240]
        return line[0] + ("…" if start else "") + text + ("…" if len(line) > 1 + start + 240 else "")

    shown = [clip(line) for line in diff[:limit]]
    return head + "\n" + "\n".join("    " + line for line in shown) + ("\n    …" if len(diff) > limit else "")


def crawl(role: str, cookie: str, old: Server, new: Server, audit: AuditUndo, start: list[str], max_pages: int,
          per_shape: int) -> dict:
    """Fetches pages breadth-first from both servers; returns counts and the differences."""
    clients = (Client(old.base, timeout=REQUEST_TIMEOUT), Client(new.base, timeout=REQUEST_TIMEOUT))
    queue = collections.deque(start)
    seen = set(start)
    shapes = collections.Counter()
    result = {"pages": 0, "statuses": collections.Counter(), "differences": [], "skipped": 0, "visited": []}
    deadline = time.monotonic() + CRAWL_DEADLINE
    failures = 0
    while queue and result["pages"] < max_pages and time.monotonic() < deadline:
        path = queue.popleft()
        if SKIPPED.match(path):
            result["skipped"] += 1
            continue
        mark = audit.mark()
        a = fetch(clients[0], path, cookie)
        audit.undo(mark)
        b = fetch(clients[1], path, cookie)
        if a.status < 0 or b.status < 0:
            failures += 1
            for server in (old, new):
                if not server.alive():
                    raise SystemExit(f"the {server.name} server exited (status {server.process.returncode}) while "
                                     f"{role} read {path}: see its log in the work folder (--keep)")
            if failures >= 5:
                raise SystemExit(f"5 requests failed in a row while {role} read {path}: {a.text[:200]} / {b.text[:200]}")
        else:
            failures = 0
        result["pages"] += 1
        result["statuses"][a.status] += 1
        result["visited"].append(f"{a.status} {len(a.body)} {path}")
        if a.status != b.status or normalise(path, a.body) != normalise(path, b.body):
            result["differences"].append((path, first_difference(path, a, b)))
        found = links(a.body) + (links(b.body) if a.body != b.body else [])
        location = a.location or b.location
        if location.startswith("/") and not location.startswith("//"):
            found.append(location.split("#")[0])
        for url in found:
            if url not in seen and shapes[shape(url)] < per_shape:
                seen.add(url)
                shapes[shape(url)] += 1
                queue.append(url)
    result["unvisited"] = len(queue)
    for client in clients:
        client.close()
    return result


# --- The scenario: everything a signed-in page can show, made through the real forms -------------

def fill(client: Client, page: str, target: str, /, **values: str) -> list[tuple[str, str]]:
    """The fields of the form posting to `target` on `page`, with `values` set."""
    form = next((f for f in forms_in(client.get(page).text) if f.action == target), None)
    if form is None:
        raise RuntimeError(f"no form posting to {target} on {page}")
    fields = {}
    for name, value in form.fields:
        fields.setdefault(name, value)
    fields.update(values)
    return list(fields.items())


def expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise RuntimeError(f"{what}: answered {reply.status}, expected {status}\n{reply.text[:500]}")
    return reply


def scenario(base: str, database: Path) -> tuple[dict[str, str], str]:
    """Signs in each role, makes a case with a thread; returns each role's Cookie header and the case."""
    people = {role: Client(base) for role in ROLES if role != "visiteur"}
    for role in ("demandeur", "correspondant"):
        people[role].sign_in(*DEMO_PASSWORDS[role])
    for role in ("equipe", "admin"):
        people[role].sign_in_staff(*DEMO_PASSWORDS[role])
    director, correspondent, staff = people["demandeur"], people["correspondant"], people["equipe"]

    answers = "poste=dgs&employeur=33063&departement=33&information=2026-11-15"
    deadlines = f"/parcours/fin-de-fonctions/echeances?{answers}"
    expect(director.post_form(deadlines, fill(director, deadlines, deadlines)), 303, "saving the deadlines")

    opened = director.post_form("/demandes/nouvelle", fill(
        director, "/demandes/nouvelle", "/demandes/nouvelle", situation="fin-de-fonctions", urgence="decision-annoncee",
        axe_juridique="oui", recit="Le maire m’a annoncé la fin de mes fonctions au prochain conseil. Je voudrais "
        "savoir quels sont mes droits et comment préparer la suite.", telephone="06 12 34 56 78",
        creneaux="en semaine après 18 h", action="envoyer"))
    expect(opened, 303, "opening the case")
    reference = re.match(r"/demandes/(R-\d{4}-\d+)", opened.location).group(1)
    case = f"/demandes/{reference}"
    with sqlite3.connect(database) as connection:
        status, assignee = connection.execute("SELECT status, assigneeId FROM caseFile WHERE reference = ?", (reference,)).fetchone()
        mine = connection.execute("SELECT correspondentId FROM user WHERE email = ?", (DEMO_PASSWORDS["correspondant"][0],)).fetchone()[0]
    if assignee != mine:
        raise RuntimeError(f"case {reference} went to correspondent {assignee} ({status}), not to the demo correspondent {mine}")

    expect(correspondent.post_form(f"{case}/action", fill(correspondent, case, f"{case}/action", action="accepter")), 303, "accepting")
    lines = [
        (director, "Bonjour, merci de votre réponse rapide. Le conseil municipal se réunit le 15 novembre."),
        (correspondent, "Bonjour, je vous appelle demain à 18 h. Pouvez-vous m’envoyer la délibération si vous l’avez ?"),
        (director, "Je ne l’ai pas encore ; le maire m’a seulement prévenue oralement. Est-ce normal ?"),
        (correspondent, "Oui, c’est fréquent. Notez bien la date de l’entretien préalable : le délai de six mois court à partir de là."),
        (director, "Merci. Et pour le congé spécial, à quel moment faut-il le demander ?"),
        (correspondent, "Nous en parlons demain ; la fiche du vademecum sur le congé spécial donne déjà l’essentiel.\n\nÀ demain."),
    ]
    for person, text in lines:
        expect(person.post_form(f"{case}/message", fill(person, case, f"{case}/message", message=text)), 303, "posting a message")
    expect(correspondent.post_form(f"{case}/note", fill(correspondent, case, f"{case}/note", note="Appel prévu demain 18 h.")),
           303, "a correspondent's note")
    expect(staff.post_form(f"{case}/note", fill(staff, case, f"{case}/note", note="Suivi : cas classique de fin de fonctions.")),
           303, "a staff note")
    cookies = {role: client.cookie_header() for role, client in people.items()}
    for client in people.values():
        client.close()
    # A fixed form nonce for the visitor: without one, every anonymous form would get a new random one.
    cookies["visiteur"] = f"relais_formulaire={VISITOR_NONCE}"
    return cookies, case


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_bin")
    parser.add_argument("new_bin")
    parser.add_argument("--old-dir", type=Path, default=REPO, help="folder the old binary runs in (Templates/, Public/, Seeds/)")
    parser.add_argument("--new-dir", type=Path, default=REPO, help="folder the new binary runs in")
    parser.add_argument("--max-pages", type=int, default=400, help="pages compared per role, at most")
    parser.add_argument("--per-shape", type=int, default=30, help="URLs per family (parent path and query names) found by crawling")
    parser.add_argument("--new-env", action="append", default=[], metavar="NAME=VALUE", help="environment for the new server only")
    parser.add_argument("--roles", default=",".join(ROLES), help="comma-separated, among " + ", ".join(ROLES))
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, server logs)")
    parser.add_argument("--list", type=Path, help="write every URL compared (role, status, size, path) to this file")
    options = parser.parse_args()
    roles = [r for r in options.roles.split(",") if r]
    if unknown := set(roles) - set(ROLES):
        parser.error(f"unknown roles: {', '.join(sorted(unknown))}")
    old_bin, new_bin = str(Path(options.old_bin).resolve()), str(Path(options.new_bin).resolve())
    old_dir, new_dir = options.old_dir.resolve(), options.new_dir.resolve()

    work = Path(tempfile.mkdtemp(prefix="relais-compare-"))
    database = work / "relais.sqlite"
    servers: list[Server] = []
    try:
        subprocess.run([old_bin, "seed", "--db", str(database)], cwd=old_dir, env=clean_env(), check=True,
                       capture_output=True, timeout=300)
        old = Server(database, work, demo=True, program=old_bin, folder=old_dir, name="old")
        new = Server(database, work, demo=True, program=new_bin, folder=new_dir, name="new")
        # The same public address for both: pages and mails that print it must not differ by port.
        # The same files key, and a files folder each: a server locks its folder (issue 18).
        shared = {"RELAIS_BASE_URL": f"http://127.0.0.1:{old.port}", "RELAIS_FILES_KEY": secrets.token_hex(32)}
        old.env = clean_env(**shared, RELAIS_FILES_DIR=str(work / "files-old"))
        new.env = clean_env(**shared, RELAIS_FILES_DIR=str(work / "files-new"),
                            **dict(item.split("=", 1) for item in options.new_env))
        servers.append(old.start())  # first: in demo mode it creates the demo accounts
        servers.append(new.start())
        print(f"old: {old_bin} in {old_dir} on {old.base}\nnew: {new_bin} in {new_dir} on {new.base}\n"
              f"database: {database}" + (f"\nnew server's extra environment: {' '.join(options.new_env)}" if options.new_env else ""))
        begin = time.monotonic()
        cookies, case = scenario(old.base, database)
        print(f"scenario: case {case} with 6 messages and 2 notes, deadlines saved, 4 accounts signed in "
              f"({time.monotonic() - begin:.1f} s)")
        time.sleep(1.2)  # a server re-reads the content generation of other processes' commits after a second

        audit = AuditUndo(database)
        results = {}
        for role in roles:
            begin = time.monotonic()
            start = [case, f"{case}?message=message"] + START_PAGES
            results[role] = crawl(role, cookies[role], old, new, audit, start, options.max_pages, options.per_shape)
            r = results[role]
            print(f"  {role}: {r['pages']} pages in {time.monotonic() - begin:.0f} s, {len(r['differences'])} different", flush=True)
    finally:
        for server in servers:
            server.stop()
        if options.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    if options.list:
        options.list.write_text("".join(f"{role} {line}\n" for role, r in results.items() for line in r["visited"]))
    total = sum(len(r["differences"]) for r in results.values())
    print("\n| role | pages compared | statuses (old server) | not visited (cap) | different |")
    print("|---|---|---|---|---|")
    for role, r in results.items():
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(r["statuses"].items()))
        print(f"| {role} | {r['pages']} | {statuses} | {r['unvisited']} | {len(r['differences'])} |")
    print(f"\naudit lines of the old server's readings removed before the new server's: {audit.undone}; "
          f"downloads not fetched: {sum(r['skipped'] for r in results.values())}")
    for role, r in results.items():
        for path, diff in r["differences"]:
            print(f"\n--- {role} {path}: {diff}")
    print(f"\n{'identical' if total == 0 else f'{total} difference(s)'}: "
          f"{sum(r['pages'] for r in results.values())} pages compared")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
