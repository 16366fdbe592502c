#!/usr/bin/env python3
"""Fault benchmark: what Relais does when things go wrong, against the release binary on loopback.

(a) SMTP down: the mail server stops, 200 cases are opened through the real form, the mail server comes
    back on the same port; every mail the openings queued must arrive exactly once (by Message-ID and
    recipient, as recorded by bench/smtp_sink.py), and the outbox drain is timed.
(b) SIGKILL: director threads open cases while the server is killed with SIGKILL, several times; every
    opening whose answer reached a client must be in the database, `PRAGMA integrity_check` must say ok,
    and the restarted server must serve (and open a case) again.
(c) Fuzz: 10,000 mutated submissions over every POST route with real sessions and CSRF tokens (see
    bench/fuzz.py); no 5xx, the server alive, nothing stored that should not be, no injected markup
    coming back unescaped.

Prints a Markdown table (scenario, figures, target, met) and exits 1 when a target is missed.

Usage: RELAIS_BIN=.build/release/relais python3 bench/fault.py [--only smtp,kill,fuzz] [--cases 200]
       [--kills 3] [--fuzz 10000] [--seed N]
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import PASSWORD, REPO, Client, Server, add_user, clean_env, csrf_in, free_port, seeded_database

CASE_FIELDS = [
    ("situation", "fin-de-fonctions"), ("urgence", "decision-annoncee"), ("axe_solidarite", "oui"),
    ("recit", "Le maire m’a annoncé ma fin de fonctions."), ("departement", "33"), ("employeur_recherche", ""),
    ("employeur_code", ""), ("employeur_nom", "Commune de banc"), ("notification", ""), ("telephone", ""),
    ("creneaux", ""), ("action", "envoyer"),
]
REFERENCE = re.compile(r"^/demandes/(R-\d{4}-\d+)\?")


class Director:
    """A signed-in director who opens cases through the real form, a fresh `jeton` each time."""

    def __init__(self, base: str, email: str):
        self.email = email
        self.client = Client(base, timeout=10)
        self.client.sign_in(email, PASSWORD)
        self.csrf = self.client.csrf("/demandes/nouvelle")

    def open_case(self, token: str) -> tuple[int, str]:
        """The status and the case reference of the answer (empty when not a redirect to a case)."""
        fields = [("_csrf", self.csrf), ("jeton", token)] + [
            (name, self.email if name == "notification" else value) for name, value in CASE_FIELDS
        ]
        reply = self.client.post_form("/demandes/nouvelle", fields)
        match = REFERENCE.match(reply.location)
        return reply.status, match.group(1) if match else ""


def directors(database: Path, count: int, prefix: str) -> list[str]:
    emails = [f"{prefix}{index}@banc.example" for index in range(count)]
    for index, email in enumerate(emails):
        add_user(database, email, f"Directeur {index}")
    return emails


class Sink:
    """bench/smtp_sink.py on a fixed port, recording every message to `record`."""

    def __init__(self, port: int, record: Path):
        self.port, self.record, self.process = port, record, None

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(REPO / "bench/smtp_sink.py"), str(self.port), "--record", str(self.record)],
                                        stdout=subprocess.PIPE, text=True)
        assert int(self.process.stdout.readline()) == self.port

    def stop(self) -> dict:
        self.process.terminate()
        stats = json.loads(self.process.stdout.readline() or "{}")
        self.process.wait()
        return stats

    def received(self) -> collections.Counter:
        counts = collections.Counter()
        for line in self.record.read_text().splitlines():
            entry = json.loads(line)
            for recipient in entry["rcpt"]:
                counts[(entry["message_id"].strip("<>"), recipient.lower())] += 1
        return counts


# MARK: (a) SMTP down

def smtp_down(cases: int, drain_limit: float) -> dict:
    work, database = seeded_database("relais-fault-smtp-")
    emails = directors(database, 10, "smtp")
    smtp_port = free_port()
    sink = Sink(smtp_port, work / "sink.jsonl")
    sink.start()
    server = Server(database, work, clean_env(RELAIS_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}",
                                               RELAIS_STAFF_EMAIL="equipe@banc.example")).start()
    try:
        people = [Director(server.base, email) for email in emails]
        sink.stop()
        opened, statuses = [], collections.Counter()
        started = time.monotonic()
        for index in range(cases):
            status, reference = people[index % len(people)].open_case(f"smtp{index}")
            statuses[status] += 1
            if reference:
                opened.append(reference)
        opening = time.monotonic() - started
        with sqlite3.connect(database) as db:
            queued = db.execute("SELECT count(*) FROM outboxMessage").fetchone()[0]
            tried = db.execute("SELECT count(*) FROM outboxMessage WHERE attempts > 0 AND status = 'pending'").fetchone()[0]
        sink.start()
        back = time.monotonic()
        drained_after = None
        while time.monotonic() - back < drain_limit:
            with sqlite3.connect(database) as db:
                waiting = db.execute("SELECT count(*) FROM outboxMessage WHERE status != 'delivered'").fetchone()[0]
            if waiting == 0:
                drained_after = time.monotonic() - back
                break
            time.sleep(0.5)
        # A message sent twice would show up now: a lease expiring, a retry racing a success.
        time.sleep(3)
        sink.stop()
        with sqlite3.connect(database) as db:
            expected = collections.Counter(
                (message_id.strip("<>"), recipient.lower()) for message_id, recipient in db.execute("SELECT messageId, recipient FROM outboxMessage")
            )
            kinds = dict(db.execute("SELECT kind, count(*) FROM outboxMessage GROUP BY kind").fetchall())
            failed = db.execute("SELECT count(*) FROM outboxMessage WHERE status = 'failed'").fetchone()[0]
            attempts = db.execute("SELECT count(*) FROM outboxAttempt").fetchone()[0]
        received = sink.received()
        lost = sum(1 for key in expected if received[key] == 0)
        duplicates = sum(1 for key in expected if received[key] > 1)
        unexpected = sum(1 for key in received if key not in expected)
        acknowledgements = kinds.get("case-received", 0)
        routing_mails = kinds.get("case-assigned", 0) + kinds.get("case-unrouted", 0)
        met = (len(opened) == cases and acknowledgements == cases and routing_mails == cases and queued == 2 * cases
               and lost == 0 and duplicates == 0 and unexpected == 0 and failed == 0 and drained_after is not None)
        return {
            "met": met,
            "figures": (f"{len(opened)}/{cases} cases opened in {opening:.1f} s with the sink down ({dict(statuses)}); "
                        f"{queued} mails queued ({acknowledgements} acknowledgements, {routing_mails} to a correspondent or staff), "
                        f"{tried} tried and failed while down; sink back: "
                        + (f"drained in {drained_after:.0f} s" if drained_after is not None else f"NOT drained after {drain_limit:.0f} s")
                        + f"; {sum(received.values())} received, {lost} lost, {duplicates} duplicated, {unexpected} unexpected, "
                        f"{failed} failed; {attempts} attempts recorded"),
            "target": "every mail received exactly once after the sink is back; drained within 180 s",
            "work": work,
        }
    finally:
        server.stop()
        if sink.process and sink.process.poll() is None:
            sink.stop()


# MARK: (b) SIGKILL

def sigkill(kills: int, threads: int, seed: int) -> dict:
    work, database = seeded_database("relais-fault-kill-")
    emails = directors(database, threads, "kill")
    server = Server(database, work, clean_env(RELAIS_STAFF_EMAIL="equipe@banc.example")).start()
    chance = random.Random(seed)
    rounds, problems = [], []
    try:
        for round_number in range(1, kills + 1):
            people = [Director(server.base, email) for email in emails]
            answered: list[tuple[str, int, str]] = []
            unanswered = [0]
            lock = threading.Lock()

            def open_until_killed(person: Director, index: int) -> None:
                serial = 0
                while True:
                    serial += 1
                    token = f"kill{round_number}-{index}-{serial}"
                    try:
                        status, reference = person.open_case(token)
                    except (OSError, http.client.HTTPException):
                        with lock:
                            unanswered[0] += 1
                        return
                    with lock:
                        answered.append((token, status, reference))

            workers = [threading.Thread(target=open_until_killed, args=(person, index)) for index, person in enumerate(people)]
            for worker in workers:
                worker.start()
            time.sleep(chance.uniform(1.5, 3.5))
            server.kill()
            for worker in workers:
                worker.join(timeout=30)

            statuses = collections.Counter(status for _, status, _ in answered)
            with sqlite3.connect(database) as db:
                integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
                stored = dict(db.execute("SELECT submissionToken, reference FROM caseFile WHERE submissionToken LIKE ?",
                                         (f"kill{round_number}-%",)).fetchall())
                # One transaction per opening: a stored case always has its opening event and its two mails.
                cases, events, mails = db.execute(
                    "SELECT (SELECT count(*) FROM caseFile), (SELECT count(*) FROM caseEvent WHERE kind = 'ouverture'), "
                    "(SELECT count(*) FROM outboxMessage)").fetchone()
            missing = [token for token, status, reference in answered if status == 303 and stored.get(token) != reference]
            committed_unanswered = len(set(stored) - {token for token, _, _ in answered})
            server.start()
            health = Client(server.base).get("/healthz").status
            after = Director(server.base, emails[0]).open_case(f"kill{round_number}-after")
            atomic = events == cases and mails == 2 * cases
            round_ok = (integrity == "ok" and atomic and not missing and set(statuses) <= {303} and health == 200
                        and after[0] == 303 and after[1])
            if not round_ok:
                problems.append(f"round {round_number}: integrity {integrity}, missing {missing[:5]}, statuses {dict(statuses)}, "
                                f"{cases} cases / {events} opening events / {mails} mails, healthz {health}, opening after restart {after}")
            rounds.append((len(answered), dict(statuses), len(missing), committed_unanswered, unanswered[0], integrity, health, after[0],
                           "yes" if atomic else "NO"))
    finally:
        server.stop()
    answered_total = sum(r[0] for r in rounds)
    figures = "; ".join(
        f"kill {n}: {r[0]} answered {r[1]}, {r[2]} missing, {r[3]} committed but unanswered, {r[4]} requests cut, "
        f"integrity {r[5]}, every case with its event and 2 mails: {r[8]}, after restart /healthz {r[6]} and opening {r[7]}"
        for n, r in enumerate(rounds, 1)
    )
    return {
        "met": not problems and len(rounds) == kills,
        "figures": f"{kills} kills, {threads} client threads, {answered_total} answered openings in all — {figures}"
                   + ("; PROBLEMS: " + " | ".join(problems) if problems else ""),
        "target": "every answered opening stored with its reference, whole; integrity ok; serves after restart",
        "work": work,
    }


# MARK: (c) fuzz

def fuzz(count: int, seed: int) -> dict:
    from fuzz import run

    return run(count, seed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="smtp,kill,fuzz", help="comma-separated scenarios: smtp, kill, fuzz")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--drain-limit", type=float, default=300)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--fuzz", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="random seed (printed; pass it again to replay a run)")
    parser.add_argument("--keep", action="store_true", help="keep the work folders (databases, server logs)")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    print(f"seed {seed} (replay: python3 bench/fault.py --seed {seed})", flush=True)

    wanted = options.only.split(",")
    results = []
    if "smtp" in wanted:
        results.append(("(a) SMTP down, 200 openings", smtp_down(options.cases, options.drain_limit)))
        print(f"(a) done: {results[-1][1]['figures']}", flush=True)
    if "kill" in wanted:
        results.append(("(b) SIGKILL under load", sigkill(options.kills, options.threads, seed)))
        print(f"(b) done: {results[-1][1]['figures']}", flush=True)
    if "fuzz" in wanted:
        results.append((f"(c) fuzz, {options.fuzz:,} POSTs", fuzz(options.fuzz, seed)))
        print(f"(c) done: {results[-1][1]['figures']}", flush=True)

    print(f"\nseed {seed}\n")
    print("| scenario | measured | target | met |")
    print("|---|---|---|---|")
    for label, result in results:
        print(f"| {label} | {result['figures']} | {result['target']} | {'yes' if result['met'] else '**no**'} |")
    for _, result in results:
        if result.get("details"):
            print("\n" + result["details"])
        if options.keep or not result["met"]:
            print(f"\nwork folder kept: {result['work']}")
        else:
            shutil.rmtree(result["work"], ignore_errors=True)
    sys.exit(0 if all(result["met"] for _, result in results) else 1)


if __name__ == "__main__":
    main()
