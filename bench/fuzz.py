"""Scenario (c) of the fault benchmark: mutated submissions over every POST route of Relais.

Each request starts from the route's real form (read from the page that shows it, with the session's
CSRF token, as the role that may use it) and changes one thing or several: field values (lengths from 0
to 200 kB, random bytes, invalid UTF-8, CR/LF, NUL, markup, SQL-ish text, odd Unicode, numbers, dates,
addresses), missing, duplicated and unknown fields, percent-encoding errors, other content types,
garbage and oversized bodies, and path parameters that do not exist. The random generator is seeded; the
seed is printed so a failing run can be replayed.

Checks: no 5xx; the server alive and answering /livez at the end; no stored text with invalid UTF-8,
NUL or other control characters, nor CR/LF in a single-line column; no injected markup served raw in
the pages that show stored data.
"""

from __future__ import annotations

import collections
import random
import re
import sqlite3
import urllib.parse
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from common import DEMO_PASSWORDS, PASSWORD, REPO, Client, Form, Server, add_user, binary, clean_env, forms_in, seeded_database

MARK = "FZX"
# Injected markup that must never come back as markup.
LEAKS = re.compile(rb"<script>FZX|<img src=x onerror=FZX|<svg onload=FZX|href=\"javascript:FZX")
# Columns allowed to hold line breaks (texts, Markdown, mail sources, logs of what failed), by name or
# as table.column.
MULTILINE = {"bodyMarkdown", "body", "narrative", "raw", "presentation", "offer", "description", "detail", "reason",
             "tags", "legalReferences", "summary", "lastError", "network.role"}
SKIPPED_TABLES = ("sqlite_", "searchEntry", "grdb_migrations")


@dataclass
class Route:
    name: str
    role: str                     # demandeur, correspondant, equipe, admin, anonyme, or sortie (a throw-away director)
    paths: Callable[[], str]      # a real path for this route
    page: Callable[[str], str]    # the page that shows its form, for a path
    fallback: list                # fields when no form is found on the page
    weight: int = 10
    destructive: bool = False     # may end the session: checked after every request
    # Values that make the unmutated form valid, for the fields the page leaves empty; a callable gives a
    # fresh value each time (a new address), so the handlers' success paths are fuzzed too.
    valid: dict = field(default_factory=dict)


class Fuzzer:
    def __init__(self, server: Server, database: Path, seed: int):
        self.server, self.database = server, database
        self.rng = random.Random(seed)
        self.clients: dict[str, Client] = {}
        self.anonymous_serial = 0
        self.forms: dict[tuple[str, str], Form] = {}
        self.counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.kinds: collections.Counter = collections.Counter()
        self.failures: list[str] = []
        self.serial = 0
        self.invitations: list[str] = []

    # MARK: sessions

    def credentials(self, role: str) -> tuple[str, str]:
        if role == "sortie":
            return "sortie@banc.example", PASSWORD
        return DEMO_PASSWORDS[role]

    def next_visitor(self) -> None:
        """Every 20 anonymous requests, a new visitor from another loopback address: throttles keyed
        on the address (sign-in and reset attempts) would otherwise answer everything after a while."""
        self.anonymous_serial += 1
        if self.anonymous_serial % 20 == 0:
            self.forget("anonyme")

    def client(self, role: str) -> Client:
        if role not in self.clients:
            if role == "anonyme":
                source = f"127.0.{1 + self.anonymous_serial // 5000}.{2 + (self.anonymous_serial // 20) % 250}"
                self.clients[role] = Client(self.server.base, source=source)
            else:
                client = Client(self.server.base)
                client.sign_in(*self.credentials(role))
                self.clients[role] = client
        return self.clients[role]

    def forget(self, role: str) -> None:
        if role in self.clients:
            self.clients.pop(role).close()
        self.forms = {key: form for key, form in self.forms.items() if key[0] != role}

    def base_form(self, route: Route, path: str) -> Form:
        key = (route.role, path)
        if key not in self.forms or self.rng.random() < 0.05:
            client = self.client(route.role)
            page = client.get(route.page(path))
            found = [form for form in forms_in(page.text) if form.action.split("?")[0] == path]
            if found:
                # A page may hold several forms to the same address (one per case action).
                self.forms[key] = self.rng.choice(found)
            else:
                # A page without the form (an unknown token, a path that does not exist): the
                # session's token from a page that always has one.
                token = re.search(r'name="_csrf" value="([^"]+)"', page.text)
                if not token:
                    token = re.search(r'name="_csrf" value="([^"]+)"', client.get("/compte" if route.role != "anonyme" else "/connexion").text)
                self.forms[key] = Form(action=path, fields=[("_csrf", token.group(1) if token else "")] + list(route.fallback))
        return self.forms[key]

    # MARK: values

    def text(self, length: int) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyz ÉéèàçôœÀ’'-.,;:!?0123456789\n\t"
        return "".join(self.rng.choice(alphabet) for _ in range(min(length, 5000))) * max(1, length // 5000)

    def value(self) -> tuple[str, bytes | str]:
        """A hostile value and its kind; bytes are sent percent-encoded as they are."""
        rng, n = self.rng, self.serial
        # Kinds FormData refuses outright (bytes, utf8, nul, controls) are rarer: the rest reach the handlers.
        kind = rng.choices(["long", "bytes", "utf8", "crlf", "nul", "controls", "html", "sql", "unicode", "number", "date", "email",
                            "empty", "spaces"], weights=[14, 2, 2, 8, 2, 3, 10, 6, 6, 6, 5, 6, 6, 3])[0]
        if kind == "long":
            return kind, self.text(rng.choice([1, 64, 201, 256, 1001, 2001, 8001, 20_000, 100_000, 200_000]))
        if kind == "bytes":
            return kind, bytes(rng.randrange(256) for _ in range(rng.choice([1, 16, 300, 3000])))
        if kind == "utf8":
            return kind, b"Ab " + rng.choice([b"\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80", b"\x80"]) + b" cd"
        if kind == "crlf":
            return kind, rng.choice(["a\r\nBcc: fuzz@evil.example", "ligne\nautre", "\r\n", "x\rSubject: y", "fin\r\n\r\n<html>"])
        if kind == "nul":
            return kind, rng.choice(["a\x00b", "\x00", "x@exemple.fr\x00.evil"])
        if kind == "controls":
            return kind, rng.choice(["a\x01b", "\x1b[31mrouge", "a\x7fb", "a\u0085b", "a\u2028b", "a\u2029b", "\x0b\x0c"])
        if kind == "html":
            return kind, rng.choice([f"<script>{MARK}{n}</script>", f"\"><img src=x onerror={MARK}{n}>", f"</textarea><svg onload={MARK}{n}>",
                                     f"[lien](javascript:{MARK}{n})", f"{{{{{MARK}}}}} {{{{{{{MARK}}}}}}}", f"<b>gras</b> & &amp; &#0;"])
        if kind == "sql":
            return kind, rng.choice(["' OR '1'='1", "'; DROP TABLE user; --", "\" OR 1=1 --", "%' --", "1; SELECT * FROM session",
                                     "R-2026-00001' --", "*", "NEAR(", "\"unterminated"])
        if kind == "unicode":
            return kind, rng.choice(["😀" * 300, "e\u0301" * 500, "\u202eevil", "a\u200bb", "\ufeffBOM", "ＡＢＣ", "𝕏" * 40, "ᄀ" * 1000])
        if kind == "number":
            return kind, rng.choice(["-1", "0", "99999999999999999999", "1e309", "NaN", "0x10", " 3 ", "٣", "3.5", "-9223372036854775808"])
        if kind == "date":
            return kind, rng.choice(["2026-02-30", "31/02/2026", "9999-12-31", "0000-00-00", "2026-13-01", "-1", "demain", "1/1/1"])
        if kind == "email":
            return kind, rng.choice(["a@b", "x@exemple.fr\r\nBcc: y@evil.example", "@", "a" * 300 + "@x.fr", "Ünï@exemple.fr",
                                     "a@[127.0.0.1]", "\"a b\"@x.fr", "a@b..fr", "a,b@x.fr"])
        if kind == "empty":
            return kind, ""
        return kind, rng.choice(["   ", "\t", " \n "])

    # MARK: requests

    def mutate(self, form: Form, route: Route) -> tuple[list, list[str]]:
        """The fields to send (name, value, raw) and what was changed."""
        rng = self.rng
        fields = [(name, value, False) for name, value in form.fields]
        present = {name for name, _, _ in fields}
        for name, value in route.valid.items():
            value = value() if callable(value) else value
            if name not in present:
                fields.append((name, value, False))
            else:
                fields = [(n, value if n == name and not v else v, r) for n, v, r in fields]
        for name, values in form.choices.items():
            # The button pressed, a choice of each select: what a browser would send.
            if values and not any(field[0] == name for field in fields) and rng.random() < 0.8:
                fields.append((name, rng.choice(values), False))
        if any(field[0] == "jeton" for field in fields) and route.name == "case opening":
            fields = [(n, f"fz{self.serial}" if n == "jeton" else v, r) for n, v, r in fields]
        changes = []
        if rng.random() < 0.08:
            return fields, ["none"]
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            operation = rng.choices(["value", "drop", "duplicate", "unknown", "choice", "name"], weights=[55, 12, 4, 9, 15, 5])[0]
            editable = [i for i, field in enumerate(fields) if field[0] != "_csrf"]
            if operation == "value" and editable:
                i = rng.choice(editable)
                kind, value = self.value()
                fields[i] = (fields[i][0], value, False)
                changes.append(f"value {kind}")
            elif operation == "drop" and editable:
                i = rng.choice(editable)
                changes.append("drop a field")
                del fields[i]
            elif operation == "duplicate" and editable:
                i = rng.choice(editable)
                fields.append(fields[i])
                changes.append("duplicate a field")
            elif operation == "unknown":
                many = rng.random() < 0.2
                for index in range(2000 if many else 1):
                    fields.append((f"inconnu{index}", self.value()[1] if not many else "x", False))
                changes.append("2000 unknown fields" if many else "unknown field")
            elif operation == "choice" and form.choices:
                name = rng.choice(list(form.choices))
                values = form.choices[name] or [""]
                fields = [f for f in fields if f[0] != name] + [(name, rng.choice(values), False)]
                changes.append("another choice")
            elif operation == "name":
                fields.append((rng.choice([b"\xff\xfe", "", "a\r\nb", "_csrf[]", "x" * 5000, "<script>", "axe_" + "é" * 3]), "v", False))
                changes.append("odd field name")
        if rng.random() < 0.05:
            fields = [f for f in fields if f[0] != "_csrf"] + ([] if rng.random() < 0.5 else [("_csrf", "faux", False)])
            changes.append("csrf wrong or missing")
        if rng.random() < 0.06:
            fields.append((rng.choice(editable_names(fields) or ["x"]), rng.choice(["%", "%G1", "%E9", "%C3%28", "%%", "%0", "%u00e9"]), True))
            changes.append("percent error")
        return fields, changes

    def encode(self, fields: list) -> bytes:
        def part(text, raw):
            if raw:
                return text.encode() if isinstance(text, str) else text
            return urllib.parse.quote_plus(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        return "&".join(f"{part(n, False)}={part(v, r)}" for n, v, r in fields).encode()

    def body(self, fields: list, changes: list[str]) -> tuple[bytes | list[bytes], dict]:
        """The body and headers; sometimes not a form at all."""
        rng = self.rng
        form_type = {"Content-Type": "application/x-www-form-urlencoded"}
        roll = rng.random()
        if roll < 0.03:
            changes.append("multipart")
            boundary = "fzboundary"
            parts = b"".join(
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"{n if isinstance(n, str) else 'x'}\"\r\n\r\n".encode()
                + (v if isinstance(v, bytes) else str(v).encode()) + b"\r\n" for n, v, _ in fields)
            return parts + f"--{boundary}--\r\n".encode(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if roll < 0.05:
            changes.append("json")
            return b'{"_csrf": "x", "a": [1, 2, {"b": null}]}', {"Content-Type": "application/json"}
        if roll < 0.06:
            changes.append("no content type")
            return self.encode(fields), {}
        if roll < 0.07:
            changes.append("latin-1 charset")
            return self.encode(fields) + "&x=caf\xe9".encode("latin-1"), {"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"}
        if roll < 0.09:
            changes.append("garbage body")
            return bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000]))), form_type
        if roll < 0.10:
            changes.append("empty body")
            return b"", form_type
        if roll < 0.115:
            changes.append("1.1 MB body")
            return self.encode(fields) + b"&remplissage=" + b"a" * 1_150_000, form_type
        if roll < 0.125:
            # A list of parts: the client sends them chunked (no length) and can send them again.
            changes.append("1.5 MB chunked body")
            return [self.encode(fields) + b"&remplissage="] + [b"b" * 65536] * 24, form_type
        if roll < 0.13:
            # Invalid from the first line: a body that merely looks like an unfinished chunk would make
            # the server wait for the rest, as it should, and this client wait for an answer.
            changes.append("broken chunked framing")
            return b"zz\r\n" + self.encode(fields), dict(form_type, **{"Transfer-Encoding": "chunked"})
        return self.encode(fields), form_type

    def send(self, route: Route) -> None:
        self.serial += 1
        rng = self.rng
        if route.role == "anonyme":
            self.next_visitor()
        path = route.paths()
        changes: list[str] = []
        if rng.random() < 0.04:
            path = re.sub(r"/[^/]+(?=(/[a-z]+)?$)", "/" + rng.choice(["R-0000-00000", "99999999", "inconnue", "%FF", "%00",
                                                                     "..%2F..%2Fetc", "x" * 3000, "-1", "%C3%28"]), path, count=1)
            changes.append("unknown path parameter")
        form = self.base_form(route, path.split("?")[0])
        fields, more = self.mutate(form, route)
        changes += more
        body, headers = self.body(fields, changes)
        client = self.client(route.role)
        try:
            reply = client.request("POST", path, body, headers)
        except Exception as error:  # noqa: BLE001 — a dead connection is a result here
            self.counts[route.name]["error"] += 1
            self.failures.append(f"#{self.serial} {route.name} {path}: {type(error).__name__} {error} ({', '.join(changes)})")
            client.close()
            return
        self.counts[route.name][reply.status] += 1
        for change in changes:
            self.kinds[change] += 1
        if reply.status >= 500:
            self.failures.append(f"#{self.serial} {route.name} POST {path[:120]} -> {reply.status} ({', '.join(changes)[:300]})")
        if LEAKS.search(reply.body):
            self.failures.append(f"#{self.serial} {route.name}: injected markup served raw in the answer ({', '.join(changes)[:200]})")
        # A session the request ended (sign-out, deletion) or that a refusal revealed as gone: sign in again.
        if route.role != "anonyme" and (route.destructive or reply.status == 403 and "csrf wrong or missing" not in changes
                                        or reply.location.startswith("/connexion")):
            if route.destructive:
                check = client.get("/compte")
                if check.status == 200:
                    # Still signed in, maybe in a new session (sign-out everywhere): a new CSRF token.
                    self.forms = {key: form for key, form in self.forms.items() if key[0] != route.role}
                    return
            self.forget(route.role)


def editable_names(fields: list) -> list:
    return [f[0] for f in fields if isinstance(f[0], str) and f[0] != "_csrf"]


def ids(database: Path, sql: str) -> list:
    with sqlite3.connect(database) as db:
        return [row[0] for row in db.execute(sql)]


def routes(fuzzer: Fuzzer, database: Path) -> list[Route]:
    rng = fuzzer.rng
    pick = lambda values: (lambda: rng.choice(values))  # noqa: E731
    own = ids(database, "SELECT reference FROM caseFile c JOIN user u ON u.id = c.directorId "
                        "WHERE u.email = 'directrice@demo.relais.example' AND reference IS NOT NULL")
    # Read each time: declines and reassignments take cases away from the demo correspondent.
    assigned = lambda: rng.choice(ids(database, "SELECT c.reference FROM caseFile c JOIN user u ON u.correspondentId = c.assigneeId "  # noqa: E731
                                                "WHERE u.email = 'correspondant@demo.relais.example'") or own)
    every = ids(database, "SELECT reference FROM caseFile WHERE reference IS NOT NULL")
    correspondents = ids(database, "SELECT id FROM correspondent")
    outbox = ids(database, "SELECT id FROM outboxMessage")
    drafts = ids(database, "SELECT id FROM caseFile WHERE openedAt IS NULL") or [1]
    sheets = ids(database, "SELECT slug FROM factSheet")
    situations = ids(database, "SELECT slug FROM situation")
    partners = ids(database, "SELECT id FROM partner") + ["nouveau"]
    networks = ids(database, "SELECT id FROM network") + ["nouveau"]
    ateliers = ids(database, "SELECT id FROM atelier") + ["nouveau"]
    same = lambda path: path  # noqa: E731
    case_page = lambda path: path.rsplit("/", 1)[0]  # noqa: E731
    secret = [("jeton", "inconnu"), ("motdepasse", "une phrase de passe"), ("confirmation", "une phrase de passe")]
    unique = lambda: f"fz{fuzzer.serial}@banc.example"  # noqa: E731
    departement = ids(database, "SELECT departementCode FROM user WHERE email = 'directrice@demo.relais.example'")[0]
    case = {"situation": "fin-de-fonctions", "urgence": "decision-annoncee", "axe_solidarite": "oui", "recit": "Mon récit.",
            "departement": departement, "employeur_nom": "Commune de banc", "action": "envoyer"}
    account = {"nom": "Camille Banc", "email": unique, "poste": "dgs", "motdepasse": "une phrase de passe",
               "confirmation": "une phrase de passe", "departement": departement, "employeur_nom": "Commune de banc"}
    invitations = fuzzer.invitations + ["inconnu"]
    table = [
        Route("sign-in", "anonyme", lambda: "/connexion", same, [("email", ""), ("motdepasse", ""), ("suite", "")], 6),
        Route("sign-up", "anonyme", lambda: "/inscription", same, [], 8, valid=dict(account, action="creer")),
        Route("sign-up confirmation", "anonyme", lambda: "/inscription/confirmation", lambda p: p + "?jeton=inconnu", [("jeton", "inconnu")], 4),
        Route("invitation", "anonyme", lambda: "/invitation", lambda p: p + "?jeton=" + rng.choice(invitations), secret, 4,
              valid={"motdepasse": "une phrase de passe", "confirmation": "une phrase de passe"}),
        Route("forgotten password", "anonyme", lambda: "/mot-de-passe-oublie", same, [("email", "")], 4),
        Route("new password", "anonyme", lambda: "/mot-de-passe/nouveau", lambda p: p + "?jeton=inconnu", secret, 4),
        Route("case opening (visitor)", "anonyme", lambda: "/demandes/nouvelle", same, [], 6, valid=dict(case, **account)),
        Route("case opening", "demandeur", lambda: "/demandes/nouvelle", same, [], 12, valid=case),
        Route("draft", "demandeur", lambda: "/mes-demandes/brouillon", lambda p: "/mes-demandes",
              [("id", str(rng.choice(drafts))), ("action", "envoyer")], 4),
        Route("case action (director)", "demandeur", lambda: f"/demandes/{rng.choice(own)}/action", case_page,
              [("action", "retirer"), ("motif", "")], 6),
        Route("case action (correspondent)", "correspondant", lambda: f"/demandes/{assigned()}/action", case_page,
              [("action", "accepter"), ("motif", "")], 6),
        Route("case action (staff)", "equipe", lambda: f"/demandes/{rng.choice(every)}/action", case_page,
              [("action", "reattribuer"), ("motif", "charge"), ("correspondant", str(rng.choice(correspondents)))], 6),
        Route("case message (director)", "demandeur", lambda: f"/demandes/{rng.choice(own)}/message", case_page, [("message", "Bonjour")], 6,
              valid={"message": "Bonjour"}),
        Route("case message (correspondent)", "correspondant", lambda: f"/demandes/{assigned()}/message", case_page,
              [("message", "Bonjour")], 6, valid={"message": "Bonjour"}),
        Route("case note", "correspondant", lambda: f"/demandes/{assigned()}/note", case_page, [("note", "À rappeler")], 6,
              valid={"note": "À rappeler"}),
        Route("desk availability", "correspondant", lambda: "/correspondant/disponibilite", lambda p: "/correspondant",
              [("capacite", "3"), ("absent_jusqu", "")], 5),
        Route("outbox retry", "equipe", lambda: f"/equipe/courrier/{rng.choice(outbox)}/renvoyer", lambda p: p.rsplit("/", 1)[0], [], 3),
        Route("outbox retry failed", "equipe", lambda: "/equipe/courrier/renvoyer-les-echecs", lambda p: "/equipe/courrier", [], 2),
        Route("correspondent", "equipe", lambda: f"/equipe/correspondants/{rng.choice(correspondents)}", same, [], 6),
        Route("correspondent invitation", "admin", lambda: f"/equipe/correspondants/{rng.choice(correspondents)}/invitation",
              lambda p: p.rsplit("/", 1)[0], [("email", "nouveau@exemple.fr")], 4),
        Route("partner", "equipe", lambda: f"/equipe/partenaires/{rng.choice(partners)}", same, [], 6,
              valid={"nom": "Partenaire", "categorie": "coach", "axe_solidarite": "oui", "national": "oui", "description": "Texte."}),
        Route("network", "admin", lambda: f"/equipe/reseaux/{rng.choice(networks)}", same, [], 6,
              valid={"nom": "Réseau", "categorie": "institution", "axe_reseaux": "oui", "description": "Texte."}),
        Route("atelier", "equipe", lambda: f"/equipe/ateliers/{rng.choice(ateliers)}", same, [], 6,
              valid={"titre": "Atelier", "axe": "reseaux", "debut": "2027-03-02T18:00", "fin": "2027-03-02T19:00", "visio": "oui",
                     "description": "Texte."}),
        Route("fact sheet", "equipe", lambda: f"/equipe/vademecum/{rng.choice(sheets + ['nouvelle'])}", same, [], 8,
              valid={"titre": "Une fiche", "resume": "Résumé.", "axe": "juridique", "corps": "Le corps de la fiche."}),
        Route("fact sheet state", "admin", lambda: f"/equipe/vademecum/{rng.choice(sheets)}/etat", lambda p: p.rsplit("/", 1)[0],
              [("action", "relecture"), ("version", "1")], 5),
        Route("situation", "equipe", lambda: f"/equipe/parcours/{rng.choice(situations)}", same, [], 6),
        # Last: these end sessions. A throw-away director, signed in again when the session is gone.
        Route("sign-out", "sortie", lambda: "/deconnexion", lambda p: "/", [], 2, destructive=True),
        Route("sign-out everywhere", "sortie", lambda: "/compte/deconnexion-partout", lambda p: "/compte", [], 2, destructive=True),
        Route("account deletion", "sortie", lambda: "/mes-donnees/suppression", lambda p: "/mes-donnees", [("motdepasse", "")], 2,
              destructive=True),
    ]
    return table


def prepare(server: Server, database: Path) -> None:
    """Cases in every hand, a draft waiting for its director, mail in the outbox."""
    # The demo director's département: routing gives those cases to the demo correspondent.
    departement = ids(database, "SELECT departementCode FROM user WHERE email = 'directrice@demo.relais.example'")[0]
    director = Client(server.base)
    director.sign_in(*DEMO_PASSWORDS["demandeur"])
    form = forms_in(director.get("/demandes/nouvelle").text)
    csrf = next(value for name, value in form[-1].fields if name == "_csrf")
    for index in range(6):
        reply = director.post_form("/demandes/nouvelle", [
            ("_csrf", csrf), ("jeton", f"fzprep{index}"), ("situation", "fin-de-fonctions"), ("urgence", "decision-annoncee"),
            ("axe_solidarite", "oui"), ("recit", "Récit de départ."), ("departement", departement), ("employeur_nom", "Commune de banc"),
            ("notification", "directrice@demo.relais.example"), ("action", "envoyer")])
        assert reply.status == 303, reply.status
    visitor = Client(server.base)
    csrf = visitor.csrf("/demandes/nouvelle")
    reply = visitor.post_form("/demandes/nouvelle", [
        ("_csrf", csrf), ("jeton", "fzvisitor"), ("situation", "fin-de-fonctions"), ("urgence", "decision-annoncee"),
        ("axe_solidarite", "oui"), ("recit", "Récit."), ("departement", "33"), ("employeur_nom", "Commune de banc"),
        ("nom", "Visiteur Banc"), ("email", "directrice@demo.relais.example"), ("poste", "dgs"),
        ("motdepasse", "une phrase de passe"), ("confirmation", "une phrase de passe"), ("action", "envoyer")])
    assert reply.status == 200, reply.status


def scan_database(database: Path) -> list[str]:
    """Stored text that should not be there."""
    problems = []
    with sqlite3.connect(database) as db:
        db.text_factory = bytes
        tables = [row[0].decode() for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith(SKIPPED_TABLES):
                continue
            columns = [row[1].decode() for row in db.execute(f"PRAGMA table_info('{table}')")]
            for column in columns:
                for rowid, value in db.execute(f"SELECT rowid, \"{column}\" FROM \"{table}\" WHERE typeof(\"{column}\") = 'text'"):
                    issue = None
                    try:
                        text = value.decode("utf-8")
                    except UnicodeDecodeError:
                        issue = "invalid UTF-8"
                    else:
                        if "\x00" in text:
                            issue = "NUL"
                        elif any(ord(c) < 0x20 and c not in "\t\r\n" for c in text):
                            issue = "control character"
                        elif not {column, f"{table}.{column}"} & MULTILINE and ("\r" in text or "\n" in text):
                            issue = "line break in a single-line column"
                    if issue:
                        problems.append(f"{table}.{column} rowid {rowid}: {issue}: {value[:80]!r}")
    return problems


def scan_pages(server: Server, database: Path) -> tuple[int, list[str]]:
    """Every page that shows stored data, as each role: injected markup must come back escaped."""
    pages = {
        "equipe": ["/equipe", "/equipe/demandes", "/equipe/partenaires", "/equipe/reseaux", "/equipe/ateliers", "/equipe/correspondants",
                   "/equipe/journal", "/equipe/courrier", "/equipe/vademecum", "/equipe/parcours"],
        "admin": ["/equipe"],
        "correspondant": ["/correspondant", "/compte"],
        "demandeur": ["/mes-demandes", "/compte", "/mes-donnees"],
        "anonyme": ["/", "/partenaires", "/reseaux", "/vademecum", "/parcours", "/annuaire", "/recherche?q=FZX"],
    }
    pages["equipe"] += [f"/demandes/{r}" for r in ids(database, "SELECT reference FROM caseFile WHERE reference IS NOT NULL")]
    pages["equipe"] += [f"/equipe/correspondants/{i}" for i in ids(database, "SELECT id FROM correspondent")]
    pages["equipe"] += [f"/equipe/partenaires/{k}" for k in ids(database, "SELECT id FROM partner")]
    pages["equipe"] += [f"/equipe/reseaux/{k}" for k in ids(database, "SELECT id FROM network")]
    pages["equipe"] += [f"/equipe/ateliers/{k}" for k in ids(database, "SELECT id FROM atelier")]
    pages["equipe"] += [f"/equipe/courrier/{k}" for k in ids(database, "SELECT id FROM outboxMessage")][:300]
    for slug in ids(database, "SELECT slug FROM factSheet"):
        pages["equipe"] += [f"/equipe/vademecum/{slug}", f"/equipe/vademecum/{slug}/historique"]
        pages["anonyme"].append(f"/vademecum/{slug}")
    for slug in ids(database, "SELECT slug FROM situation"):
        pages["equipe"].append(f"/equipe/parcours/{slug}")
        pages["anonyme"].append(f"/parcours/{slug}")
    pages["correspondant"] += [f"/demandes/{r}" for r in ids(database, "SELECT c.reference FROM caseFile c JOIN user u ON "
                                                                         "u.correspondentId = c.assigneeId WHERE u.email = 'correspondant@demo.relais.example'")]
    pages["demandeur"] += [f"/demandes/{r}" for r in ids(database, "SELECT c.reference FROM caseFile c JOIN user u ON u.id = c.directorId "
                                                                     "WHERE u.email = 'directrice@demo.relais.example' AND reference IS NOT NULL")]
    problems, served = [], 0
    for role, paths in pages.items():
        client = Client(server.base)
        if role != "anonyme":
            client.sign_in(*DEMO_PASSWORDS[role])
        for path in paths:
            reply = client.get(path)
            served += 1
            if reply.status >= 500:
                problems.append(f"GET {path} as {role}: {reply.status}")
            for match in LEAKS.finditer(reply.body):
                problems.append(f"GET {path} as {role}: raw {reply.body[match.start():match.start() + 60]!r}")
        client.close()
    return served, problems


def run(count: int, seed: int) -> dict:
    work, database = seeded_database("relais-fault-fuzz-")
    add_user(database, "sortie@banc.example", "Directeur Jetable")
    # Real invitation links, so the invitation form reaches past its token check.
    invitations = []
    for index in range(20):
        printed = subprocess.run([binary(), "user", "invite", "--db", str(database), "--email", f"invite{index}@banc.example",
                                  "--name", f"Invité {index}", "--role", "equipe"],
                                 cwd=REPO, env=clean_env(), capture_output=True, text=True, check=True).stdout
        invitations.append(re.search(r"jeton=([A-Za-z0-9_%-]+)", printed).group(1))
    server = Server(database, work, demo=True).start()
    try:
        prepare(server, database)
        fuzzer = Fuzzer(server, database, seed)
        fuzzer.invitations = invitations
        table = routes(fuzzer, database)
        ordinary = [route for route in table if not route.destructive]
        destructive = [route for route in table if route.destructive]
        share_destructive = sum(r.weight for r in destructive) / sum(r.weight for r in table)
        first = count - int(count * share_destructive)
        started = time.monotonic()
        for index in range(first):
            fuzzer.send(fuzzer.rng.choices(ordinary, weights=[r.weight for r in ordinary])[0])
            if (index + 1) % 1000 == 0:
                print(f"  fuzz: {index + 1} requests, {len(fuzzer.failures)} problems", file=sys.stderr, flush=True)
        for _ in range(count - first):
            fuzzer.send(fuzzer.rng.choices(destructive, weights=[r.weight for r in destructive])[0])
        elapsed = time.monotonic() - started
        for client in fuzzer.clients.values():
            client.close()
        alive = server.alive() and Client(server.base).get("/livez").status == 200
        stored = scan_database(database)
        served, shown = scan_pages(server, database)
        alive = alive and server.alive()
    finally:
        server.stop()
    statuses = collections.Counter()
    for counter in fuzzer.counts.values():
        statuses.update(counter)
    errors = sum(1 for failure in fuzzer.failures)
    fivexx = sum(n for status, n in statuses.items() if isinstance(status, int) and status >= 500)
    lines = ["Fuzz, per route (status: count):", "", "| route | requests | statuses |", "|---|---|---|"]
    for route in table:
        counter = fuzzer.counts[route.name]
        lines.append(f"| {route.name} | {sum(counter.values())} | "
                     + ", ".join(f"{status}: {n}" for status, n in sorted(counter.items(), key=lambda item: str(item[0]))) + " |")
    lines += ["", "Mutations applied: " + ", ".join(f"{kind} {n}" for kind, n in fuzzer.kinds.most_common())]
    if fuzzer.failures or stored or shown:
        lines += ["", "Problems:"] + [f"- {line}" for line in (fuzzer.failures[:40] + stored[:40] + shown[:40])]
    met = fivexx == 0 and not fuzzer.failures and alive and not stored and not shown
    return {
        "met": met,
        "figures": (f"{sum(statuses.values())} POSTs in {elapsed:.0f} s over 25 POST routes ({len(table)} route × role pairs, seed {seed}): "
                    + ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items(), key=lambda item: str(item[0])))
                    + f"; 5xx: {fivexx}; transport errors/other problems: {errors}; server alive and /livez ok: {'yes' if alive else 'NO'}; "
                    f"stored junk: {len(stored)}; {served} pages read back, injected markup served raw: {len(shown)}"),
        "target": "no 5xx, alive, no junk stored, no raw markup",
        "details": "\n".join(lines),
        "work": work,
    }
