"""Helpers shared by the benchmarks (fault, load, compare_pages): a fresh seeded database, the server
as a child process (any binary, any project folder), a small HTTP client that keeps the cookies the
server sets and can send any bytes, the forms of a page read from its HTML, and the second factor
(RFC 6238 TOTP codes, set up through the real pages). Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html.parser
import http.client
import os
import re
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The password of every account the benchmarks create (and of every account `relais dev generate` makes).
PASSWORD = "une phrase de banc d'essai"
DEMO_PASSWORDS = {
    "demandeur": ("directrice@demo.relais.example", "relais-demo-directrice"),
    "correspondant": ("correspondant@demo.relais.example", "relais-demo-correspondant"),
    "equipe": ("equipe@demo.relais.example", "relais-demo-equipe"),
    "admin": ("admin@demo.relais.example", "relais-demo-admin"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_live(base: str, timeout: float = 30, process: subprocess.Popen | None = None) -> None:
    """Until `/livez` answers 200; fails after `timeout` seconds, or at once if `process` exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode} before answering /livez")
        try:
            with urllib.request.urlopen(base + "/livez", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer /livez within {timeout:.0f} s")


def binary() -> str:
    return os.environ.get("RELAIS_BIN", str(REPO / ".build/release/relais"))


def clean_env(**extra: str) -> dict:
    """The environment without any RELAIS_* of the caller's shell, quiet logs, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAIS_")}
    env["LOG_LEVEL"] = "error"
    # Benchmarks open thousands of cases from a few accounts: the per-director limits would refuse them.
    env["RELAIS_MAX_OPEN_CASES"] = env["RELAIS_MAX_CASES_PER_DAY"] = "100000"
    env.update(extra)
    return env


def seeded_database(prefix: str) -> tuple[Path, Path]:
    """A new work folder and a seeded database file in it."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    database = work / "relais.sqlite"
    subprocess.run([binary(), "seed", "--db", str(database)], cwd=REPO, env=clean_env(), check=True, capture_output=True)
    return work, database


def add_user(database: Path, email: str, name: str, role: str = "demandeur", password: str = PASSWORD) -> None:
    subprocess.run([binary(), "user", "add", "--db", str(database), "--email", email, "--name", name, "--role", role],
                   cwd=REPO, env=clean_env(), input=password + "\n", text=True, check=True, capture_output=True)


class Server:
    """`relais serve` on a free loopback port (127.0.0.1 only), its log in the work folder. `program`
    (default: `binary()`) runs in `folder` (default: the repository), where it finds Templates/,
    Public/ and Seeds/."""

    def __init__(self, database: Path, work: Path, env: dict | None = None, demo: bool = False, port: int | None = None,
                 program: str | None = None, folder: Path | None = None, name: str = "server"):
        self.database, self.work, self.env, self.demo = database, work, env or clean_env(), demo
        self.program, self.folder, self.name = program or binary(), folder or REPO, name
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> "Server":
        self.starts += 1
        log = open(self.work / f"{self.name}-{self.starts}.log", "wb")
        args = [self.program, "serve", "--hostname", "127.0.0.1", "--port", str(self.port), "--db", str(self.database)]
        self.process = subprocess.Popen(args + (["--demo"] if self.demo else []), cwd=self.folder, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_live(self.base, process=self.process)
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, no checkpoint."""
        assert self.process
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if not self.alive():
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Client:
    """One visitor: one keep-alive connection, the session cookie, any bytes in a body. `source` picks
    the loopback address the requests come from (127.0.0.0/8 is all loopback on Linux), so throttles
    keyed on the client address can be kept apart."""

    def __init__(self, base: str, source: str = "127.0.0.1", timeout: float = 30):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port, self.source, self.timeout = parsed.hostname, parsed.port, source, timeout
        # Every cookie the server set and did not clear: the session, the visitor's form nonce
        # (`relais_formulaire`, which an anonymous form's CSRF token is bound to), the known browser.
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    @property
    def cookie(self) -> str:
        """The session cookie's value, empty when signed out."""
        return self.cookies.get("relais_session", "")

    @cookie.setter
    def cookie(self, value: str) -> None:
        if value:
            self.cookies["relais_session"] = value
        else:
            self.cookies.pop("relais_session", None)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout,
                                                         source_address=(self.source, 0))
        return self.connection

    def close(self) -> None:
        if self.connection:
            self.connection.close()
            self.connection = None

    def request(self, method: str, path: str, body: bytes | list[bytes] | None = None, headers: dict | None = None,
                retry: bool = True) -> Reply:
        """A list of byte strings is sent with chunked transfer encoding; bytes with a Content-Length
        unless `headers` say otherwise."""
        headers = dict(headers or {})
        if self.cookies and "Cookie" not in headers:
            headers["Cookie"] = self.cookie_header()
        try:
            connection = self._connect()
            connection.request(method, path, body=body, headers=headers, encode_chunked=isinstance(body, list))
            response = connection.getresponse()
            data = response.read()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, http.client.BadStatusLine):
            # The server closes a connection after some refusals (a body too large): try once anew.
            self.close()
            if not retry:
                raise
            return self.request(method, path, body, headers, retry=False)
        reply = Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        for line in response.msg.get_all("Set-Cookie") or []:
            match = re.match(r"\s*([^=;\s]+)=([^;]*)", line)
            if not match:
                continue
            name, value = match.groups()
            if not value or re.search(r";\s*Max-Age=0\b", line, re.I):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.will_close:
            self.close()
        return reply

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post_form(self, path: str, fields: list[tuple[str, str]]) -> Reply:
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def csrf(self, path: str = "/connexion") -> str:
        return csrf_in(self.get(path).text)

    def sign_in(self, email: str, password: str) -> None:
        token = self.csrf("/connexion")
        reply = self.post_form("/connexion", [("_csrf", token), ("email", email), ("motdepasse", password)])
        if reply.status != 303:
            raise RuntimeError(f"sign-in of {email} answered {reply.status}")

    def sign_in_staff(self, email: str, password: str) -> str:
        """Signs in an account that must use a second factor (staff, admin) and has none yet: the
        password, then the set-up pages (« Commencer la configuration », the secret shown as text,
        a first code). Returns the secret as typed into an app (base32); the session is signed in."""
        self.sign_in(email, password)
        self.post_form("/compte/double-authentification/debut",
                       [("_csrf", self.csrf("/compte/double-authentification")), ("suite", "/equipe")])
        page = self.get("/compte/double-authentification?suite=%2Fequipe").text
        match = re.search(r'id="cle-secrete">([A-Z2-7 ]+)<', page)
        if not match:
            raise RuntimeError(f"no secret on the set-up page of {email}")
        secret = match.group(1)
        # A code is accepted once per 30-second step: two set-ups in the same step still get one each.
        reply = self.post_form("/compte/double-authentification/confirmation",
                               [("_csrf", csrf_in(page)), ("suite", "/equipe"), ("code", totp(secret))])
        if reply.status != 200 or "codes de secours" not in reply.text.lower():
            raise RuntimeError(f"second-factor set-up of {email} answered {reply.status}")
        return secret


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 as Relais (HummingbirdOTP) computes it: HMAC-SHA1 over the 30-second step, 6 digits.
    `secret` is the base32 text the set-up page shows (spaces allowed)."""
    text = secret.replace(" ", "").upper()
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def csrf_in(page: str) -> str:
    match = re.search(r'name="_csrf" value="([^"]+)"', page)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)


@dataclass
class Form:
    """A POST form of a page: its action and its fields with the values the page offers."""
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    # For selects and radio groups: every value offered, so a valid submission can pick one.
    choices: dict[str, list[str]] = field(default_factory=dict)
    textareas: set[str] = field(default_factory=set)


class FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = Form(action=a.get("action") or "")
            self.forms.append(self.current)
        if self.current is None or not a.get("name") and tag != "option":
            return
        name = a.get("name")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                self.current.choices.setdefault(name, []).append(a.get("value") or "on")
                if "checked" in a:
                    self.current.fields.append((name, a.get("value") or "on"))
            elif kind in ("submit", "button"):
                self.current.choices.setdefault(name, []).append(a.get("value") or "")
            else:
                self.current.fields.append((name, a.get("value") or ""))
        elif tag == "select":
            self.select = name
            self.current.choices.setdefault(name, [])
        elif tag == "option" and self.select:
            self.current.choices[self.select].append(a.get("value") or "")
            if "selected" in a:
                self.current.fields.append((self.select, a.get("value") or ""))
        elif tag == "textarea":
            self.textarea, self.text = name, ""
            self.current.textareas.add(name)
        elif tag == "button" and a.get("value") is not None:
            self.current.choices.setdefault(name, []).append(a.get("value"))

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.current:
            self.current.fields.append((self.textarea, self.text.lstrip("\n")))
            self.textarea = None


def forms_in(page: str) -> list[Form]:
    parser = FormParser()
    parser.feed(page)
    return parser.forms
