#!/usr/bin/env python3
"""Load benchmark: requests per second and p50/p99 latency at 64 connections (wrk, loopback, release
build) for the pages that do not depend on the visitor, `/livez` as the server's ceiling in the same
run, and case opening through the real form (POST with CSRF, a pool of signed-in directors, a fresh
submission token per request). Prints a Markdown table and the server's resident memory afterwards.

Usage: RELAIS_BIN=.build/release/relais python3 bench/load.py [--duration 10] [--connections 64]
       [--database FILE] [--json FILE]
--database runs on an existing database (it gains the pool of directors and the cases opened) instead
of a freshly seeded one; --json also writes the rows as JSON (bench/scale.py compares two runs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# (label, path, target): `share` pages do not depend on the visitor and must reach 50 % of /livez;
# the parcours with answers depends on them (never cached, by design) and has no target of its own.
PAGES = [
    ("home", "/", "share"),
    ("parcours page (situation)", "/parcours/fin-de-fonctions", "share"),
    ("parcours with the visitor's answers (Gironde, dates)",
     "/parcours/fin-de-fonctions?poste=dgs&employeur=33063&departement=33&information=2026-11-15", None),
    ("map /annuaire", "/annuaire", "share"),
    ("fact sheet", "/vademecum/conge-special", "share"),
    ("search", "/recherche?q=conge+spe", "search"),
]
CASE_OPENING = "case opening (POST, CSRF, routing, 2 mails)"
TARGETS = {"share": "≥ 50 % of /livez", "search": "p99 < 20 ms", "opening": "≥ 500/s, p99 < 50 ms"}


def met(target: str | None, result: dict, ceiling: dict) -> str:
    if target == "share":
        return "yes" if result["rps"] >= 0.5 * ceiling["rps"] else "**no**"
    if target == "search":
        return "yes" if result["p99"] < 20 else "**no**"
    if target == "opening":
        return "yes" if result["rps"] >= 500 and result["p99"] < 50 else "**no**"
    return "—"


DIRECTORS = 32
PASSWORD = "une phrase de banc d'essai"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_live(base: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/livez", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer /livez within 30 s")


def wrk(url: str, duration: int, connections: int, script: Path | None = None) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if script:
        args += ["-s", str(script)]
    output = subprocess.run(args + [url], capture_output=True, text=True, timeout=duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(label: str) -> float:
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    transfer = re.search(r"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", output)
    megabytes = float(transfer.group(1)) * {"B": 1e-6, "KB": 1e-3, "MB": 1, "GB": 1e3}[transfer.group(2)] if transfer else 0.0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*", output)
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "mb_per_s": megabytes, "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "errors": errors.group(0) if errors else "", "raw": output}


def sign_in(base: str, email: str) -> tuple[str, str]:
    """A director's session cookie and the CSRF token of the case form."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/connexion").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "email": email, "motdepasse": PASSWORD}).encode()
    opener.open(base + "/connexion", body)
    form = opener.open(base + "/demandes/nouvelle").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
    cookie = next(c.value for c in jar if c.name == "relais_session")
    return cookie, csrf


CASE_SCRIPT = r"""
-- Each request opens a case: a director of the pool (session cookie + CSRF token), a new token.
local sessions = { %s }
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("id", thread_id); thread_id = thread_id + 1 end
init = function(args) counter = id * 100000000 end
local run = "%s"
request = function()
  counter = counter + 1
  local s = sessions[(counter %% #sessions) + 1]
  local body = "_csrf=" .. s[2] .. "&jeton=bench" .. run .. "-" .. counter .. "&situation=fin-de-fonctions&urgence=decision-annoncee"
    .. "&axe_solidarite=oui&recit=Le+maire+m%%27a+annonc%%C3%%A9+ma+fin+de+fonctions.&departement=33&employeur_recherche="
    .. "&employeur_code=&employeur_nom=Commune+de+banc&notification=bench%%40exemple.fr&telephone=&creneaux=&action=envoyer"
  return wrk.format("POST", "/demandes/nouvelle", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "relais_session=" .. s[1],
  }, body)
end
"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--database", type=Path, help="use this database instead of seeding a fresh one")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    options = parser.parse_args()
    binary = os.environ.get("RELAIS_BIN", str(REPO / ".build/release/relais"))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it)")

    work = Path(tempfile.mkdtemp(prefix="relais-load-"))
    database = options.database.resolve() if options.database else work / "relais.sqlite"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAIS_")}
    env["LOG_LEVEL"] = "error"
    # Thousands of openings from a pool of directors: the per-director case limits would refuse them.
    env["RELAIS_MAX_OPEN_CASES"] = env["RELAIS_MAX_CASES_PER_DAY"] = "100000"
    # Seed and create the pool of directors before serving (bcrypt per account, outside the timing).
    if not options.database:
        subprocess.run([binary, "seed", "--db", str(database)], cwd=REPO, env=env, check=True, capture_output=True)
    for index in range(DIRECTORS):
        if options.database and has_user(database, f"directeur{index}@banc.example"):
            continue
        subprocess.run([binary, "user", "add", "--db", str(database), "--email", f"directeur{index}@banc.example",
                        "--name", f"Directeur {index}", "--role", "demandeur"],
                       cwd=REPO, env=env, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    # Thousands of openings in seconds would fill every correspondent's capacity after about a hundred,
    # and every later opening would take the rare "nobody available" path (three rings of routing, a
    # staff alert). Raising capacities keeps each opening on the usual path: routed in its département.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE correspondent SET capacity = 1000000")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--db", str(database)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_live(base)
        rows = []
        ceiling = wrk(base + "/livez", options.duration, options.connections)
        rows.append(("/livez (ceiling)", None, ceiling))
        for label, path, target in PAGES:
            urllib.request.urlopen(base + path).read()  # warm: the first render fills the page cache
            rows.append((label, target, wrk(base + path, options.duration, options.connections)))
        # The same search at 8 connections: its latency without 64 requests queued in front of it.
        rows.append(("search, 8 connections", None, wrk(base + PAGES[-1][1], options.duration, 8)))
        sessions = [sign_in(base, f"directeur{i}@banc.example") for i in range(DIRECTORS)]
        cookies = ", ".join(f'{{"{c}", "{urllib.parse.quote(t)}"}}' for c, t in sessions)
        with urllib.request.urlopen(base + "/healthz") as _:
            pass

        def open_cases(connections: int, run: str) -> tuple[dict, int]:
            """wrk on the case form; each run its own submission tokens (a token sent again is a double
            submit: Relais answers with the case already opened, which would not be an opening)."""
            script = work / f"open_case_{run}.lua"
            script.write_text(CASE_SCRIPT % (cookies, run))
            before = count_cases(database)
            result = wrk(base + "/", options.duration, connections, script)
            opened = count_cases(database) - before
            if abs(opened - result["rps"] * options.duration) > 0.05 * opened + 50:
                print(f"warning: {opened} cases opened for {result['rps'] * options.duration:.0f} answers", file=sys.stderr)
            return result, opened

        opening, opened = open_cases(options.connections, "a" + uuid.uuid4().hex[:8])
        rows.append((CASE_OPENING, "opening", opening))
        # At 16 connections: 64 directors sending in the same second is already far beyond the association.
        opening16, opened16 = open_cases(16, "b" + uuid.uuid4().hex[:8])
        rows.append((CASE_OPENING + ", 16 connections", "opening", opening16))
        opened += opened16
        memory = rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    print(f"\n{options.connections} connections, {options.duration} s each, wrk -t2, release build, loopback\n")
    print("| request | req/s | % of /livez | p50 ms | p99 ms | MB/s | non-2xx/3xx | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, target, result in rows:
        share = 100 * result["rps"] / ceiling["rps"]
        print(f"| {label} | {result['rps']:.0f} | {share:.0f} % | {result['p50']:.2f} | {result['p99']:.2f} | {result['mb_per_s']:.0f} | {result['non2xx']} "
              f"| {TARGETS.get(target, '—')} | {met(target, result, ceiling)} |")
    print(f"\ncases opened during the run: {opened} (both case-opening rows); "
          f"resident memory after the run: {memory:.0f} MB")
    if options.json:
        options.json.write_text(json.dumps({
            "rows": [{"request": label, **{k: v for k, v in result.items() if k != "raw"}} for label, _, result in rows],
            "cases_opened": opened, "memory_mb": memory,
        }, indent=2))
    shutil.rmtree(work, ignore_errors=True)


def has_user(database: Path, email: str) -> bool:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT 1 FROM user WHERE email = ?", (email,)).fetchone() is not None


def count_cases(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM caseFile WHERE openedAt IS NOT NULL").fetchone()[0]


if __name__ == "__main__":
    main()
