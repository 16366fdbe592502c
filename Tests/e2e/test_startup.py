"""Start-up of the binary (no browser): clear one-line failures, and a fresh database on first run."""

from __future__ import annotations

import json
import socket
import subprocess

import pytest

from relais_harness import REPO, RELAIS_BIN, RelaisServer, check_binary, free_port, http_get, server_env

EXIT_TIMEOUT = 30  # seconds


def run_serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `relais serve ARGS` to completion (it is expected to fail), killed after 30 s at most."""
    check_binary()
    process = subprocess.Popen(
        [str(RELAIS_BIN), "serve", *args],
        cwd=REPO, env=env or server_env(),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        stdout, stderr = process.communicate(timeout=EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"relais serve {' '.join(args)} was still running after {EXIT_TIMEOUT} s")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
    return subprocess.CompletedProcess(
        process.args, process.returncode,
        stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"),
    )


def assert_one_line_failure(result: subprocess.CompletedProcess, *mentions: str) -> str:
    """Exit status 1, one `relais: …` line on stderr naming every `mentions`, no crash report."""
    shown = f"status {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    assert result.returncode == 1, shown
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr\n{shown}"
    line = lines[0]
    assert line.startswith("relais:"), shown
    for mention in mentions:
        assert mention.lower() in line.lower(), f"{mention!r} is not in {line!r}"
    for crash in ("Fatal error", "Backtrace", "Stack dump"):
        assert crash not in result.stdout + result.stderr, shown
    return line


def test_port_already_in_use(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_serve(
            "--hostname", "127.0.0.1", "--port", str(port), "--db", str(tmp_path / "relais.sqlite")
        )
    assert_one_line_failure(result, str(port))


# Even root cannot create folders under /proc or /sys.
@pytest.mark.parametrize("db_path", ["/proc/relais-test/x.sqlite", "/sys/relais-test/x.sqlite"])
def test_unwritable_database_path(db_path):
    result = run_serve("--hostname", "127.0.0.1", "--port", str(free_port()), "--db", db_path)
    assert_one_line_failure(result, "database", db_path)


def test_missing_templates_folder(tmp_path):
    result = run_serve(
        "--hostname", "127.0.0.1", "--port", str(free_port()),
        "--db", str(tmp_path / "relais.sqlite"),
        env=server_env(RELAIS_TEMPLATES="/nonexistent/templates"),
    )
    assert_one_line_failure(result, "templates")


def test_fresh_start_creates_the_database(tmp_path):
    db_path = tmp_path / "sub" / "dir" / "relais.sqlite"
    assert not db_path.parent.exists()
    with RelaisServer(db_path, tmp_path / "logs", demo=False) as server:
        assert db_path.is_file(), f"no database at {db_path}\n{server.output()}"
        status, body = http_get(server.base_url + "/healthz")
        assert status == 200, body
        health = json.loads(body)
        assert health["status"] == "ok", health
        assert health["database"] == "ok", health
        assert health.get("version"), health


def test_sigterm_stops_the_server_promptly(tmp_path):
    """SIGTERM ends every background service (mail, case deadlines) and the process within seconds."""
    import signal
    import time

    with RelaisServer(tmp_path / "relais.sqlite", tmp_path) as server:
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=10)
        assert time.monotonic() - started < 10
        assert server.process.returncode is not None
