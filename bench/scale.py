#!/usr/bin/env python3
"""Scale benchmark: the same server on the seeds alone (small) and on a generated database of
100,000 cases, 10,000 fact sheets, 2,000 correspondents and 500,000 messages (big), in one run.

Measures, for both databases: the database file size, the start-up time of `relais serve` (process
start until /livez answers; median of several runs) and of `relais migrate` (open + migration check),
search over several queries (wrk), a few signed-in pages (staff dashboard, supervision, network,
a correspondent's desk, a case) one client at a time, and the load benchmark (bench/load.py run as a
subprocess with --database and --json). Prints Markdown tables comparing small and big.

Usage: RELAIS_BIN=.build/release/relais python3 bench/scale.py [--cases 100000] [--sheets 10000]
       [--correspondents 2000] [--messages 500000] [--seed 1] [--runs 5] [--duration 8]
       [--big FILE (reuse a generated database: copied, never changed)] [--skip-load] [--json FILE]
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
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from common import csrf_in, totp

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "une phrase de banc d'essai"  # also the password of every generated account
SEARCHES = ["conge spe", "fin de fonctions", "protection fonctionnelle", "entretien", "recours gracieux delai", "zzzz"]
TARGET_STARTUP = 2.0
TOLERANCE = 0.20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAIS_")}
    env["LOG_LEVEL"] = "error"
    return env


class Server:
    """`relais serve` on a database; `started` is the time from process start until /livez answered."""

    def __init__(self, binary: str, database: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        begin = time.monotonic()
        self.process = subprocess.Popen([binary, "serve", "--port", str(self.port), "--db", str(database)], cwd=REPO,
                                        env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = begin + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/livez", timeout=1) as response:
                    if response.status == 200:
                        self.started = time.monotonic() - begin
                        return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit(f"relais serve exited with status {self.process.returncode}")
                time.sleep(0.005)
        self.stop()
        raise SystemExit("the server did not answer /livez within 60 s")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(url: str, duration: int, connections: int = 64) -> dict:
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s", url],
                            capture_output=True, text=True, timeout=duration + 60).stdout

    def latency(label: str) -> float:
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": latency("50"), "p99": latency("99"),
            "non2xx": int(non2xx.group(1)) if non2xx else 0}


def signed_in(base: str, email: str):
    """An opener holding a signed-in session. Staff must set up their second factor first (they are
    sent to its page): done through its forms, with a code computed from the secret shown."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(base + "/connexion").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    with opener.open(base + "/connexion", urllib.parse.urlencode({"_csrf": token, "email": email, "motdepasse": PASSWORD}).encode()) as landing:
        landing.read()
        if "/compte/double-authentification" not in landing.geturl():
            return opener
    setup = base + "/compte/double-authentification"
    page = opener.open(setup).read().decode()
    opener.open(setup + "/debut", urllib.parse.urlencode({"_csrf": csrf_in(page), "suite": "/equipe"}).encode()).read()
    page = opener.open(setup).read().decode()
    secret = re.search(r'id="cle-secrete">([A-Z2-7 ]+)<', page).group(1)
    opener.open(setup + "/confirmation", urllib.parse.urlencode({"_csrf": csrf_in(page), "suite": "/equipe", "code": totp(secret)}).encode()).read()
    return opener


def timed_page(opener, url: str, count: int = 15) -> dict:
    """One client, sequential requests: median and max in ms, and the page size."""
    times, size, status = [], 0, 0
    for _ in range(count):
        begin = time.monotonic()
        with opener.open(url) as response:
            body = response.read()
            status = response.status
            if response.geturl() != url:  # sent elsewhere (sign-in, second factor): not the page
                raise SystemExit(f"{url} led to {response.geturl()}")
        times.append((time.monotonic() - begin) * 1000)
        size = len(body)
    return {"median": statistics.median(times), "max": max(times), "kb": size / 1024, "status": status}


def add_user(binary: str, database: Path, email: str, role: str) -> None:
    with sqlite3.connect(database) as connection:
        if connection.execute("SELECT 1 FROM user WHERE email = ?", (email,)).fetchone():
            return
    subprocess.run([binary, "user", "add", "--db", str(database), "--email", email, "--name", "Banc Équipe", "--role", role],
                   cwd=REPO, env=environment(), input=PASSWORD + "\n", text=True, check=True, capture_output=True)


def signed_in_pages(database: Path) -> list[tuple[str, str, str]]:
    """(label, account, path): pages a person signed in reads, chosen from the data."""
    with sqlite3.connect(database) as connection:
        busiest = connection.execute("""
            SELECT u.email FROM user u JOIN caseFile f ON f.assigneeId = u.correspondentId
            WHERE f.status IN ('attribuee', 'prise_en_charge', 'en_attente') GROUP BY u.id ORDER BY count(*) DESC LIMIT 1
            """).fetchone()
        thread = connection.execute("""
            SELECT reference FROM caseFile WHERE id = (SELECT caseId FROM caseMessage GROUP BY caseId ORDER BY count(*) DESC LIMIT 1)
            """).fetchone()
    staff = "equipe@banc.example"
    pages = [("staff dashboard /equipe", staff, "/equipe"),
             ("supervision /equipe/demandes", staff, "/equipe/demandes"),
             ("supervision, closed cases", staff, "/equipe/demandes?statut=close"),
             ("network /equipe/correspondants", staff, "/equipe/correspondants")]
    if thread:
        pages.append(("case with the longest thread (staff)", staff, f"/demandes/{thread[0]}"))
    if busiest:
        pages.append(("busiest correspondent's desk", busiest[0], "/correspondant"))
    return pages


def measure(binary: str, database: Path, runs: int, duration: int) -> dict:
    result: dict = {"bytes": database.stat().st_size}
    migrations = []
    for _ in range(3):
        begin = time.monotonic()
        subprocess.run([binary, "migrate", "--db", str(database)], cwd=REPO, env=environment(), check=True, capture_output=True)
        migrations.append(time.monotonic() - begin)
    result["migrate_s"] = statistics.median(migrations)
    startups = []
    for _ in range(runs):
        server = Server(binary, database)
        startups.append(server.started)
        server.stop()
    result["startup_s"] = statistics.median(startups)
    result["startup_runs"] = startups

    add_user(binary, database, "equipe@banc.example", "equipe")
    server = Server(binary, database)
    try:
        result["search"] = {}
        for query in SEARCHES:
            url = server.base + "/recherche?q=" + urllib.parse.quote_plus(query)
            urllib.request.urlopen(url).read()
            result["search"][query] = wrk(url, max(3, duration // 2))
        result["pages"] = {}
        openers: dict = {}
        for label, account, path in signed_in_pages(database):
            opener = openers.get(account) or openers.setdefault(account, signed_in(server.base, account))
            result["pages"][label] = timed_page(opener, server.base + path)
    finally:
        server.stop()
    return result


def load(binary: str, database: Path, duration: int, work: Path, name: str) -> dict:
    output = work / f"load-{name}.json"
    completed = subprocess.run([sys.executable, str(REPO / "bench/load.py"), "--database", str(database), "--json", str(output),
                                "--duration", str(duration)], cwd=REPO, env={**os.environ, "RELAIS_BIN": binary},
                               capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"bench/load.py failed on the {name} database:\n{completed.stdout}\n{completed.stderr}")
    return json.loads(output.read_text())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--correspondents", type=int, default=2_000)
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="start-ups measured per database")
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk per request in the load benchmark")
    parser.add_argument("--big", type=Path, help="a database made by `relais dev generate`, copied instead of generating one")
    parser.add_argument("--skip-load", action="store_true", help="leave bench/load.py out (start-up, search and pages only)")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    options = parser.parse_args()
    binary = os.environ.get("RELAIS_BIN", str(REPO / ".build/release/relais"))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it)")

    work = Path(tempfile.mkdtemp(prefix="relais-scale-"))
    small, big = work / "small.sqlite", work / "big.sqlite"
    try:
        subprocess.run([binary, "seed", "--db", str(small)], cwd=REPO, env=environment(), check=True, capture_output=True)
        generation = None
        if options.big:
            shutil.copyfile(options.big, big)
        else:
            begin = time.monotonic()
            completed = subprocess.run([binary, "dev", "generate", "--db", str(big), "--cases", str(options.cases), "--sheets",
                                        str(options.sheets), "--correspondents", str(options.correspondents), "--messages",
                                        str(options.messages), "--seed", str(options.seed)],
                                       cwd=REPO, env=environment(), check=True, capture_output=True, text=True)
            generation = {"seconds": time.monotonic() - begin, "report": completed.stdout}
            print(completed.stdout)
        figures = {"generation": generation, "small": measure(binary, small, options.runs, options.duration),
                   "big": measure(binary, big, options.runs, options.duration)}
        if not options.skip_load:
            figures["small"]["load"] = load(binary, small, options.duration, work, "small")
            figures["big"]["load"] = load(binary, big, options.duration, work, "big")
        report(figures, options)
        if options.json:
            options.json.write_text(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures: dict, options) -> None:
    s, b = figures["small"], figures["big"]
    if figures["generation"]:
        print(f"generation: {figures['generation']['seconds']:.0f} s")
    print(f"\n| database | file size | `relais migrate` (open + check) | start-up to /livez, median of {options.runs} | target |")
    print("|---|---|---|---|---|")
    for name, data in (("small (seeds)", s), ("big (generated)", b)):
        met = "yes" if data["startup_s"] < TARGET_STARTUP else "**no**"
        print(f"| {name} | {data['bytes'] / 1_048_576:.1f} MB | {data['migrate_s'] * 1000:.0f} ms | "
              f"{data['startup_s'] * 1000:.0f} ms (runs: {', '.join(f'{x * 1000:.0f}' for x in data['startup_runs'])}) | < 2 s: {met} |")

    print("\n| search query | small req/s | big req/s | ratio | p99 small ms | p99 big ms |")
    print("|---|---|---|---|---|---|")
    for query in SEARCHES:
        x, y = s["search"][query], b["search"][query]
        print(f"| `{query}` | {x['rps']:.0f} | {y['rps']:.0f} | {y['rps'] / x['rps']:.2f} | {x['p99']:.1f} | {y['p99']:.1f} |")

    print("\n| signed-in page (1 client, 15 requests) | small median ms | big median ms | big max ms | big size KB |")
    print("|---|---|---|---|---|")
    for label, y in b["pages"].items():
        x = s["pages"].get(label)
        print(f"| {label} | {x['median']:.1f} |" if x else f"| {label} | — |", end="")
        print(f" {y['median']:.1f} | {y['max']:.1f} | {y['kb']:.0f} |")

    if "load" in s and "load" in b:
        print("\n| request | small req/s | big req/s | ratio | p99 small ms | p99 big ms | within 20 %? |")
        print("|---|---|---|---|---|---|---|")
        big_rows = {row["request"]: row for row in b["load"]["rows"]}
        for x in s["load"]["rows"]:
            y = big_rows.get(x["request"])
            if not y:
                continue
            ratio = y["rps"] / x["rps"] if x["rps"] else 0
            within = "yes" if ratio >= 1 - TOLERANCE and y["p99"] <= x["p99"] * (1 + TOLERANCE) else "**no**"
            print(f"| {x['request']} | {x['rps']:.0f} | {y['rps']:.0f} | {ratio:.2f} | {x['p99']:.1f} | {y['p99']:.1f} | {within} |")
        print(f"\ncases opened: small {s['load']['cases_opened']}, big {b['load']['cases_opened']}; resident memory after the run: "
              f"small {s['load']['memory_mb']:.0f} MB, big {b['load']['memory_mb']:.0f} MB")


if __name__ == "__main__":
    main()
