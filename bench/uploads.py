#!/usr/bin/env python3
"""Case-file uploads (issue 18): memory, concurrency and crashes, against the release binary on loopback.

(1) Memory: the server's resident memory (VmRSS) idle after a warm-up upload, then its peak, sampled
    every 5 ms, while one 10 MB PDF is uploaded (three times; the first counts), and while it is
    downloaded (informative).
(2) 50 concurrent uploads of 5 MB: 50 clients (10 directors, 5 cases each) each post one message with
    one file at the same moment, while a separate process measures `/livez` on one persistent
    connection; compared to `/livez` idle just before. Every upload must answer 303 and leave its
    `caseDocument` row and its file on disk. The machine's CPU time during the uploads is split
    between the server, this script, the probe, the kernel, the hypervisor and other processes, with
    a warning when the machine was not quiet.
(3) SIGKILL during uploads: directors upload 5-10 MB files slowly (64 KiB pieces), the server is killed
    at a random moment, several times, and restarted on the same database and files folder. After each
    restart: every row has its file and serves exactly the bytes sent, no file on disk that no row
    names, `files/tmp/` empty, every upload answered 303 stored.

Standard library only (helpers in bench/common.py and bench/fault.py). Prints a Markdown table and
exits 1 when a target is missed.

Usage: RELAIS_BIN=.build/release/relais python3 bench/uploads.py [--only memory,concurrent,kill]
       [--kills 5] [--seed N] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from common import Server, clean_env, csrf_in, seeded_database
from fault import Director, directors

MB = 1_000_000
BOUNDARY = "relais-banc-d-essai-7f3a9c"
PIECE = 64 * 1024


def env() -> dict:
    # A case holds 100 MB by default: the benchmarks put far more than that in a few cases.
    return clean_env(RELAIS_CASE_FILES_MAX_MB="10000")


def pdf(size: int) -> bytes:
    """`size` bytes that Relais takes for a PDF (it reads the first bytes): random, so nothing compresses."""
    head = b"%PDF-1.7\n%"
    return head + os.urandom(size - len(head))


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler:
    """The peak VmRSS of `pid`, read every `interval` seconds in a thread."""

    def __init__(self, pid: int, interval: float = 0.005):
        self.pid, self.interval, self.peak, self.samples = pid, interval, 0, 0
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop_event.is_set():
            self.peak = max(self.peak, rss_kb(self.pid))
            self.samples += 1
            time.sleep(self.interval)

    def __enter__(self) -> "RssSampler":
        self.thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.stop_event.set()
        self.thread.join()
        self.peak = max(self.peak, rss_kb(self.pid))


def idle_rss_kb(pid: int, seconds: float = 0.5) -> int:
    """The median VmRSS over `seconds` of quiet."""
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append(rss_kb(pid))
        time.sleep(0.01)
    return sorted(samples)[len(samples) // 2]


# MARK: HTTP

@dataclass
class Account:
    """A signed-in director and one of their cases: what an upload needs."""
    email: str
    cookie: str
    csrf: str
    reference: str


def open_account(base: str, person: Director, token: str) -> Account:
    status, reference = person.open_case(token)
    if status != 303 or not reference:
        raise SystemExit(f"opening a case for {person.email} answered {status}")
    csrf = csrf_in(person.client.get(f"/demandes/{reference}").text)
    return Account(person.email, person.client.cookie_header(), csrf, reference)


def upload(base: str, account: Account, filename: str, content: bytes, text: str = "Voici la pièce demandée.",
           piece: int | None = None, pause: float = 0.0, timeout: float = 120) -> tuple[int, str]:
    """Posts a message with one file as a browser does (token first, then the text, then the file),
    on a connection of its own. With `piece`, the file is sent in pieces of that size, `pause` seconds
    apart. Returns the status and the `Location`."""
    parsed = urllib.parse.urlsplit(base)
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{account.csrf}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n{text}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"pieces\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        connection.putrequest("POST", f"/demandes/{account.reference}/message", skip_accept_encoding=True)
        connection.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        connection.putheader("Content-Length", str(len(head) + len(content) + len(tail)))
        connection.putheader("Cookie", account.cookie)
        connection.endheaders()
        connection.send(head)
        if piece:
            view = memoryview(content)
            for offset in range(0, len(content), piece):
                connection.send(view[offset:offset + piece])
                if pause:
                    time.sleep(pause)
        else:
            connection.send(content)
        connection.send(tail)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def download(base: str, account: Account, document_id: int, timeout: float = 60) -> tuple[int, int, str]:
    """Status, size and SHA-256 of a case file as served, read in 64 KiB pieces."""
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        connection.request("GET", f"/demandes/{account.reference}/pieces/{document_id}", headers={"Cookie": account.cookie})
        response = connection.getresponse()
        digest, size = hashlib.sha256(), 0
        while chunk := response.read(PIECE):
            digest.update(chunk)
            size += len(chunk)
        return response.status, size, digest.hexdigest()
    finally:
        connection.close()


# MARK: The database and the files folder

def read_only(database: Path) -> contextlib.closing:
    """A read-only connection, closed at the end of the `with` block."""
    return contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True))


def documents(database: Path, like: str = "%") -> list[tuple]:
    """(id, name, size, storageName, case reference) of every file not withdrawn whose name is LIKE `like`."""
    with read_only(database) as db:
        return db.execute("""
            SELECT d.id, d.name, d.size, d.storageName, c.reference FROM caseDocument d JOIN caseFile c ON c.id = d.caseId
            WHERE d.withdrawnAt IS NULL AND d.name LIKE ? ORDER BY d.id""", (like,)).fetchall()


def on_disk(files: Path) -> tuple[set[str], list[str]]:
    """The stored names under `files/` (two-character folders), and what is in `files/tmp/`."""
    stored: set[str] = set()
    for folder in files.iterdir() if files.exists() else []:
        if folder.name.startswith(".") or folder.name == "tmp" or not folder.is_dir():
            continue
        stored.update(entry.name for entry in folder.iterdir())
    temporary = sorted(entry.name for entry in (files / "tmp").iterdir()) if (files / "tmp").exists() else []
    return stored, temporary


def percentile(values: list[float], share: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# MARK: (1) memory

def memory(uploads: int = 3) -> dict:
    work, database = seeded_database("relais-uploads-memory-")
    email = directors(database, 1, "memoire")[0]
    server = Server(database, work, env()).start()
    try:
        person = Director(server.base, email)
        account = open_account(server.base, person, "memoire-1")
        pid = server.process.pid
        started = rss_kb(pid)
        status, _ = upload(server.base, account, "chauffe.pdf", pdf(200_000))
        if status != 303:
            raise SystemExit(f"the warm-up upload answered {status}")
        rows = documents(database, "chauffe.pdf")
        download(server.base, account, rows[0][0])
        time.sleep(1)
        extras, befores, peaks, contents, durations = [], [], [], {}, []
        for n in range(1, uploads + 1):
            content = pdf(10 * MB)
            name = f"dix-mo-{n}.pdf"
            contents[name] = hashlib.sha256(content).hexdigest()
            before = idle_rss_kb(pid)
            with RssSampler(pid) as sampler:
                begun = time.monotonic()
                status, _ = upload(server.base, account, name, content)
                durations.append(time.monotonic() - begun)
            if status != 303:
                raise SystemExit(f"the 10 MB upload {n} answered {status}")
            befores.append(before)
            peaks.append(sampler.peak)
            extras.append(sampler.peak - before)
            time.sleep(1)
        after_uploads = idle_rss_kb(pid)
        row = documents(database, "dix-mo-1.pdf")[0]
        down_before = idle_rss_kb(pid)
        with RssSampler(pid) as sampler:
            down_status, down_size, down_hash = download(server.base, account, row[0])
        down_extra = sampler.peak - down_before
        served_right = down_status == 200 and down_size == 10 * MB and down_hash == contents["dix-mo-1.pdf"]
        first = extras[0] / 1024
        return {
            "met": first < 20 and max(extras) / 1024 < 20 and served_right,
            "label": "(1) memory, one 10 MB upload",
            "figures": (f"idle {befores[0] / 1024:.1f} MB (at start {started / 1024:.1f} MB, after a 200 kB warm-up); "
                        f"peak {peaks[0] / 1024:.1f} MB during the upload ({durations[0] * 1000:.0f} ms, sampled every 5 ms): **+{first:.1f} MB** "
                        f"(next two uploads: " + ", ".join(f"+{e / 1024:.1f} MB" for e in extras[1:]) + "); "
                        f"idle after {uploads} uploads {after_uploads / 1024:.1f} MB; "
                        f"10 MB download (informative): +{down_extra / 1024:.1f} MB, status {down_status}, "
                        f"bytes {'identical' if served_right else 'DIFFERENT'}"),
            "target": "extra RSS during a 10 MB upload < 20 MB",
            "work": work,
            "facts": {"idle_mb": befores[0] / 1024, "peak_mb": peaks[0] / 1024, "extra_mb": [e / 1024 for e in extras],
                      "download_extra_mb": down_extra / 1024},
        }
    finally:
        server.stop()


# MARK: (2) 50 concurrent uploads

def probe(host: str, port: int) -> None:
    """Child process: GET /livez on one persistent connection until stdin closes; prints the
    CLOCK_MONOTONIC time of every 200 (shared with the parent on Linux) as JSON."""
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    times, failures = [], 0
    connection = http.client.HTTPConnection(host, port, timeout=10)
    print("ready", flush=True)
    while not stop.is_set():
        try:
            connection.request("GET", "/livez")
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                times.append(time.monotonic())
            else:
                failures += 1
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=10)
    json.dump({"times": times, "failures": failures}, sys.stdout)


class Probe:
    def __init__(self, server: Server):
        self.process = subprocess.Popen([sys.executable, __file__, "--probe", str(server.port)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def stop(self) -> dict:
        output, _ = self.process.communicate("")
        return json.loads(output)


def machine_ticks() -> list[int]:
    """The first line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal (clock ticks)."""
    with open("/proc/stat") as stat:
        return [int(value) for value in stat.readline().split()[1:9]]


def process_ticks() -> dict[int, tuple[int, int, str]]:
    """Every process: (parent pid, utime + stime in clock ticks, name). Kernel threads are children of pid 2."""
    ticks = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                line = stat.read()
        except OSError:
            continue
        name, fields = line[line.index("(") + 1:line.rindex(")")], line.rsplit(")", 1)[1].split()
        ticks[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]), name)
    return ticks


def cpu_shares(machine_before: list[int], machine_after: list[int], before: dict, after: dict, ours: dict[str, int]) -> dict:
    """Shares of the machine's CPU time between two readings: each of `ours` (name: pid), kernel
    threads and interrupts, idle, and every other process."""
    total = sum(machine_after) - sum(machine_before)
    used = {pid: ticks - before.get(pid, (0, 0, ""))[1] for pid, (_, ticks, _) in after.items()}
    shares = {name: used.get(pid, 0) / total for name, pid in ours.items()}
    kernel = sum(ticks for pid, ticks in used.items() if after[pid][0] == 2 or pid == 2)
    interrupts = machine_after[5] + machine_after[6] - machine_before[5] - machine_before[6]
    shares["kernel"] = (kernel + interrupts) / total
    shares["idle"] = (machine_after[3] + machine_after[4] - machine_before[3] - machine_before[4]) / total
    # A virtual machine's CPU time taken by the host for others.
    shares["steal"] = (machine_after[7] - machine_before[7]) / total
    # The rest, processes that ended meanwhile included (a compiler run).
    shares["others"] = max(0.0, 1 - sum(shares.values()))
    busiest = sorted(((ticks, after[pid][2]) for pid, ticks in used.items()
                      if ticks > 0 and pid not in ours.values() and after[pid][0] != 2 and pid != 2), reverse=True)[:3]
    shares["busiest"] = ", ".join(f"{name} {ticks / total:.0%}" for ticks, name in busiest)
    return shares


def rate(times: list[float], start: float, end: float) -> float:
    return sum(1 for t in times if start <= t <= end) / (end - start)


def concurrent(count: int = 50, size: int = 5 * MB, people: int = 10, idle_seconds: float = 3) -> dict:
    work, database = seeded_database("relais-uploads-concurrent-")
    emails = directors(database, people, "simultane")
    server = Server(database, work, env()).start()
    try:
        persons = [Director(server.base, email) for email in emails]
        accounts = [open_account(server.base, persons[n % people], f"simultane-{n}") for n in range(count)]
        content = pdf(size)
        digest = hashlib.sha256(content).hexdigest()
        # One warm-up upload and download, as a server that has served before.
        upload(server.base, accounts[0], "chauffe.pdf", pdf(200_000))
        time.sleep(0.5)

        prober = Probe(server)
        idle_start = time.monotonic()
        time.sleep(idle_seconds)
        idle_end = time.monotonic()

        results: list[tuple | None] = [None] * count
        barrier = threading.Barrier(count + 1)

        def send(index: int) -> None:
            barrier.wait()
            begun = time.monotonic()
            try:
                status, location = upload(server.base, accounts[index], f"simultane-{index:02d}.pdf", content)
            except (OSError, http.client.HTTPException) as error:
                status, location = 0, repr(error)
            results[index] = (status, location, begun, time.monotonic())

        threads = [threading.Thread(target=send, args=(n,)) for n in range(count)]
        for thread in threads:
            thread.start()
        pid = server.process.pid
        with RssSampler(pid, 0.01) as sampler:
            barrier.wait()
            start = time.monotonic()
            machine_before, processes_before = machine_ticks(), process_ticks()
            for thread in threads:
                thread.join()
            end = time.monotonic()
            machine_after, processes_after = machine_ticks(), process_ticks()
        probed = prober.stop()
        idle = rate(probed["times"], idle_start, idle_end)
        quiet = [t for t in probed["times"] if idle_start <= t <= idle_end]
        idle_waits = [(b - a) * 1000 for a, b in zip(quiet, quiet[1:])]
        during = rate(probed["times"], start, end)
        # One connection, requests back to back: the time between two answers is one request's latency.
        answers = [t for t in probed["times"] if start <= t <= end]
        waits = [(b - a) * 1000 for a, b in zip([start] + answers, answers + [end])]
        cpu = cpu_shares(machine_before, machine_after, processes_before, processes_after,
                         {"server": pid, "script": os.getpid(), "probe": prober.process.pid})
        statuses: dict[int, int] = {}
        for status, *_ in results:
            statuses[status] = statuses.get(status, 0) + 1
        latencies = [(finished - begun) * 1000 for _, _, begun, finished in results]
        rows = documents(database, "simultane-%")
        stored, temporary = on_disk(database.parent / "files")
        with_file = sum(1 for row in rows if row[3] in stored)
        right_size = sum(1 for row in rows if row[2] == size)
        # One of them served back, to be sure what is on disk is the file.
        sample = rows[-1] if rows else None
        served = download(server.base, next(a for a in accounts if a.reference == sample[4]), sample[0]) if sample else (0, 0, "")
        served_right = served[0] == 200 and served[2] == digest
        met_all = statuses == {303: count} and len(rows) == count and with_file == count and right_size == count and served_right
        met_livez = during >= 0.5 * idle
        seconds = end - start
        return {
            "rows": [
                {"label": f"(2) {count} concurrent uploads of {size // MB} MB",
                 "figures": (f"statuses {statuses}; {len(rows)} `caseDocument` rows, {with_file} with their file on disk, "
                             f"{right_size} of {size:,} bytes, one served back {'identical' if served_right else 'DIFFERENT'}; "
                             f"`files/tmp/` {len(temporary)} left; all answered in {seconds:.2f} s "
                             f"({count * size / MB / seconds:.0f} MB/s); upload latency p50 {percentile(latencies, 0.5):,.0f} ms, "
                             f"p99 {percentile(latencies, 0.99):,.0f} ms; server RSS peak {sampler.peak / 1024:.0f} MB; "
                             f"CPU of the {os.cpu_count()} cores meanwhile: server {cpu['server']:.0%}, this script {cpu['script']:.0%}, "
                             f"`/livez` probe {cpu['probe']:.0%}, kernel threads and interrupts (writeback, loopback) {cpu['kernel']:.0%}, "
                             f"idle {cpu['idle']:.0%}, taken by the hypervisor (steal) {cpu['steal']:.0%}, other processes {cpu['others']:.0%}"
                             + (f" — **warning: the machine was not quiet** (still running at the end: {cpu['busiest'] or 'none'})"
                                if cpu["others"] + cpu["steal"] > 0.10 else "")),
                 "target": f"all {count} answered 303; {count} rows and {count} files on disk",
                 "met": met_all},
                {"label": "(2) `/livez` during the uploads",
                 "figures": (f"idle {idle:,.0f} req/s, during {during:,.0f} req/s (**{during / idle:.2f} ×**), one persistent "
                             f"connection from a separate process; {probed['failures']} failed; `/livez` latency during: "
                             f"p50 {percentile(waits, 0.5):.1f} ms, p99 {percentile(waits, 0.99):.0f} ms, max {max(waits):.0f} ms "
                             f"(idle p50 {percentile(idle_waits, 0.5):.2f} ms)"),
                 "target": "≥ 0.5 × idle",
                 "met": met_livez},
            ],
            "met": met_all and met_livez,
            # 250 MB of files: kept when what is stored is wrong, not for a slow `/livez`.
            "keep": not met_all,
            "work": work,
        }
    finally:
        server.stop()


# MARK: (3) SIGKILL during uploads

def sigkill(kills: int, threads: int, seed: int) -> dict:
    work, database = seeded_database("relais-uploads-kill-")
    files = database.parent / "files"
    emails = directors(database, threads, "coupure")
    server = Server(database, work, env()).start()
    chance = random.Random(seed)
    sent: dict[str, tuple[int, str]] = {}   # file name -> (size, SHA-256) of what the upload sent
    answered: dict[str, int] = {}           # file name -> status of the answer, when one came
    verified: set[int] = set()              # ids of rows whose download was checked
    lock = threading.Lock()
    rounds, problems = [], []
    try:
        persons = [Director(server.base, email) for email in emails]
        accounts = [open_account(server.base, person, f"coupure-{n}") for n, person in enumerate(persons)]
        for person in persons:
            person.client.close()
        for round_number in range(1, kills + 1):
            stop = threading.Event()
            cut = [0]

            def keep_uploading(index: int, sizes: random.Random) -> None:
                serial = 0
                while not stop.is_set():
                    serial += 1
                    name = f"k{round_number}-{index}-{serial}.pdf"
                    content = pdf(sizes.randint(5 * MB, 10 * MB))
                    with lock:
                        sent[name] = (len(content), hashlib.sha256(content).hexdigest())
                    try:
                        status, _ = upload(server.base, accounts[index], name, content, piece=PIECE, pause=0.002, timeout=30)
                    except (OSError, http.client.HTTPException):
                        with lock:
                            cut[0] += 1
                        return
                    with lock:
                        answered[name] = status

            workers = [threading.Thread(target=keep_uploading, args=(n, random.Random(chance.random()))) for n in range(threads)]
            for worker in workers:
                worker.start()
            delay = chance.uniform(1.5, 4.0)
            time.sleep(delay)
            server.kill()
            stop.set()
            for worker in workers:
                worker.join(timeout=60)

            # Before the restart: what the crash left.
            rows = documents(database)
            stored, temporary = on_disk(files)
            with read_only(database) as db:
                integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            missing_before = [row[1] for row in rows if row[3] not in stored]
            orphans_before = len(stored - {row[3] for row in rows})

            server.start()
            rows = documents(database)
            stored, temporary_after = on_disk(files)
            names = [row[1] for row in rows]
            named = {row[3] for row in rows}
            missing = [row[1] for row in rows if row[3] not in stored]
            orphans = sorted(stored - named)
            unknown = [name for name in names if name not in sent and name != "chauffe.pdf"]
            duplicated = len(names) - len(set(names))
            lost = [name for name, status in answered.items() if status == 303 and name not in names]
            refused = {name: status for name, status in answered.items() if status != 303 and name.startswith(f"k{round_number}-")}
            this_round = [row for row in rows if row[1].startswith(f"k{round_number}-")]
            committed_unanswered = [row[1] for row in this_round if row[1] not in answered]
            wrong = []
            by_reference = {account.reference: account for account in accounts}
            for document_id, name, size, _, reference in rows:
                if document_id in verified:
                    continue
                status, served_size, digest = download(server.base, by_reference[reference], document_id)
                expected = sent.get(name)
                if status != 200 or expected is None or (served_size, digest) != expected or size != expected[0]:
                    wrong.append(f"{name}: {status}, {served_size} bytes")
                verified.add(document_id)
            round_ok = (not missing_before and not missing and not orphans and not temporary_after and not unknown and not duplicated
                        and not lost and not wrong and not refused and integrity == "ok")
            if not round_ok:
                problems.append(f"round {round_number}: rows without a file {missing_before + missing}, orphans {orphans[:5]}, "
                                f"tmp {temporary_after[:5]}, unknown rows {unknown[:5]}, duplicated {duplicated}, answered 303 and "
                                f"lost {lost[:5]}, refused {refused}, served wrong {wrong[:5]}, integrity {integrity}")
            answered_round = sum(1 for name in answered if name.startswith(f"k{round_number}-"))
            rounds.append({"delay": delay, "answered": answered_round, "cut": cut[0], "committed_unanswered": len(committed_unanswered),
                           "tmp_at_kill": len(temporary), "orphans_at_kill": orphans_before, "rows": len(rows),
                           "downloads": len(this_round), "ok": round_ok})
        # After the last restart, the server takes files again.
        status, _ = upload(server.base, accounts[0], "apres-redemarrage.pdf", pdf(MB))
        after = documents(database, "apres-redemarrage.pdf")
        if status != 303 or len(after) != 1:
            problems.append(f"upload after the last restart answered {status}, {len(after)} row")
    finally:
        server.stop()
    rows = documents(database)
    total_bytes = sum(row[2] for row in rows)
    per_round = "; ".join(
        f"kill {n} at {r['delay']:.1f} s: {r['answered']} answered, {r['cut']} cut ({r['committed_unanswered']} of them stored), "
        f"{r['tmp_at_kill']} partial in tmp and {r['orphans_at_kill']} unnamed installed file(s) at the kill"
        for n, r in enumerate(rounds, 1))
    return {
        "met": not problems and len(rounds) == kills,
        "label": f"(3) SIGKILL during uploads, {kills} kills",
        "figures": (f"{threads} directors uploading 5–10 MB in 64 KiB pieces; {per_round}. After each restart: every row's file "
                    f"on disk, 0 orphans, `files/tmp/` empty: {'yes' if all(r['ok'] for r in rounds) else 'NO'}; "
                    f"{len(verified)} files downloaded, all 200 and byte-identical: {'yes' if not problems else 'see problems'}; "
                    f"{len(rows)} rows, {total_bytes / MB:,.0f} MB in all; upload after the last restart {status}"
                    + ("; PROBLEMS: " + " | ".join(problems) if problems else "")),
        "target": "no row without its whole file; every 303 stored; 0 orphans and tmp/ empty after restart",
        "work": work,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--probe":
        probe("127.0.0.1", int(sys.argv[2]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="memory,concurrent,kill", help="comma-separated scenarios: memory, concurrent, kill")
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--threads", type=int, default=6, help="uploading directors in the SIGKILL scenario")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the kill moments and file sizes")
    parser.add_argument("--keep", action="store_true", help="keep the work folders (databases, files, server logs)")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    print(f"seed {seed} (replay: python3 bench/uploads.py --seed {seed})", flush=True)
    began = time.monotonic()

    wanted = options.only.split(",")
    results, rows = [], []
    if "memory" in wanted:
        result = memory()
        results.append(result)
        rows.append(result)
        print(f"(1) done: {result['figures']}", flush=True)
    if "concurrent" in wanted:
        result = concurrent(options.concurrent)
        results.append(result)
        rows.extend(result["rows"])
        print("(2) done: " + " / ".join(row["figures"] for row in result["rows"]), flush=True)
    if "kill" in wanted:
        result = sigkill(options.kills, options.threads, seed)
        results.append(result)
        rows.append(result)
        print(f"(3) done: {result['figures']}", flush=True)

    print(f"\nseed {seed}, {time.monotonic() - began:.0f} s\n")
    print("| scenario | measured | target | met |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row['label']} | {row['figures']} | {row['target']} | {'yes' if row['met'] else '**no**'} |")
    for result in results:
        if options.keep or result.get("keep", not result["met"]):
            print(f"\nwork folder kept: {result['work']}")
        else:
            shutil.rmtree(result["work"], ignore_errors=True)
    sys.exit(0 if all(result["met"] for result in results) else 1)


if __name__ == "__main__":
    main()
