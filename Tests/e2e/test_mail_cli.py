"""`relais mail test` and `relais outbox list` against a real SMTP server: Python's aiosmtpd."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from relais_harness import REPO, RELAIS_BIN, check_binary, free_port, server_env

COMMAND_TIMEOUT = 30


def relais(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    check_binary()
    return subprocess.run(
        [str(RELAIS_BIN), *args], cwd=REPO, env=server_env(**env), capture_output=True, text=True,
        timeout=COMMAND_TIMEOUT,
    )


@pytest.fixture
def aiosmtpd_server(tmp_path):
    """aiosmtpd printing every message it receives; yields (port, path of its output)."""
    pytest.importorskip("aiosmtpd")
    port = free_port()
    output = tmp_path / "aiosmtpd.log"
    with output.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 15
        import socket

        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                pytest.fail(f"aiosmtpd exited: {output.read_text()}")
            time.sleep(0.1)
        else:
            pytest.fail("aiosmtpd did not start listening within 15 s")
        yield port, output
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_mail_test_is_delivered_to_aiosmtpd(aiosmtpd_server):
    port, output = aiosmtpd_server

    result = relais("mail", "test", "--to", "directrice@exemple.fr", RELAIS_SMTP_URL=f"smtp://127.0.0.1:{port}")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("delivered to directrice@exemple.fr (SMTP 250")
    deadline = time.monotonic() + 10
    while "Message-ID" not in output.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    received = output.read_text()
    assert "To: directrice@exemple.fr" in received
    assert "Subject: =?utf-8?B?" in received
    assert "Content-Type: text/plain; charset=utf-8" in received


def test_mail_test_reports_a_server_that_is_down():
    port = free_port()

    result = relais("mail", "test", "--to", "directrice@exemple.fr", RELAIS_SMTP_URL=f"smtp://127.0.0.1:{port}")

    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("relais: not delivered to directrice@exemple.fr")
    assert "(curl 7, SMTP 0)" in lines[0]


def test_mail_test_refuses_a_line_break_in_the_address():
    result = relais("mail", "test", "--to", "a@exemple.fr\r\nBcc: b@exemple.fr", RELAIS_SMTP_URL="smtp://127.0.0.1:9")

    assert result.returncode == 1
    assert result.stderr.strip() == "relais: invalid recipient: Le champ « adresse » contient un retour à la ligne, ce qui n’est pas permis."


def test_mail_test_without_a_server_says_what_to_set():
    result = relais("mail", "test", "--to", "directrice@exemple.fr")

    assert result.returncode == 1
    assert "RELAIS_SMTP_URL" in result.stderr


def test_outbox_list_on_a_new_database(tmp_path):
    result = relais("outbox", "list", "--db", str(tmp_path / "relais.sqlite"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no message"
