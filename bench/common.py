"""Helpers shared by the fault benchmark's scenarios: a fresh seeded database, the server as a child
process, a small HTTP client that keeps one session cookie and can send any bytes, and the forms of a
page read from its HTML. Standard library only. `free_port`, `wait_live` and `PASSWORD` come from
load.py so they exist once.
"""

from __future__ import annotations

import html.parser
import http.client
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from load import PASSWORD, free_port, wait_live

REPO = Path(__file__).resolve().parent.parent
DEMO_PASSWORDS = {
    "demandeur": ("directrice@demo.relais.example", "relais-demo-directrice"),
    "correspondant": ("correspondant@demo.relais.example", "relais-demo-correspondant"),
    "equipe": ("equipe@demo.relais.example", "relais-demo-equipe"),
    "admin": ("admin@demo.relais.example", "relais-demo-admin"),
}


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
    """`relais serve` on a free loopback port, its log in the work folder."""

    def __init__(self, database: Path, work: Path, env: dict | None = None, demo: bool = False, port: int | None = None):
        self.database, self.work, self.env, self.demo = database, work, env or clean_env(), demo
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> "Server":
        self.starts += 1
        log = open(self.work / f"server-{self.starts}.log", "wb")
        args = [binary(), "serve", "--port", str(self.port), "--db", str(self.database)] + (["--demo"] if self.demo else [])
        self.process = subprocess.Popen(args, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_live(self.base)
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
        self.cookie = ""
        self.connection: http.client.HTTPConnection | None = None

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
        if self.cookie and "Cookie" not in headers:
            headers["Cookie"] = f"relais_session={self.cookie}"
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
        match = re.search(r"relais_session=([^;]*)", reply.headers.get("set-cookie", ""))
        if match:
            self.cookie = match.group(1)
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
