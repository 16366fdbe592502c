"""Small helpers shared by the end-to-end tests: start the `relais` binary, wait for it, stop it.

Kept free of pytest fixtures so that tests (e.g. test_startup.py) can start extra servers with their
own arguments and environment; conftest.py builds the shared fixtures on top of it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RELAIS_BIN = Path(os.environ.get("RELAIS_BIN", REPO / ".build" / "debug" / "relais"))

START_TIMEOUT = 30.0  # seconds to wait for /livez (a fresh database imports the seeds first)
POLL_INTERVAL = 0.1
STOP_TIMEOUT = 10.0

# Application variables that must not leak from the caller's shell into the server under test.
_APP_VARIABLES_PREFIX = "RELAIS_"
_HARNESS_VARIABLES = {"RELAIS_BIN"}


def free_port() -> int:
    """A loopback port that was free a moment ago (bind port 0, read it, close)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**overrides: str) -> dict[str, str]:
    """The caller's environment without its RELAIS_* settings, plus `overrides`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_APP_VARIABLES_PREFIX) or key in _HARNESS_VARIABLES
    }
    env.update(overrides)
    return env


def http_get(url: str, timeout: float = 10.0) -> tuple[int, str]:
    """(status, body) of a GET; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def check_binary() -> None:
    if not RELAIS_BIN.is_file():
        raise FileNotFoundError(
            f"relais binary not found at {RELAIS_BIN}: build it with `swift build` "
            "or point RELAIS_BIN at it"
        )


class RelaisServer:
    """One `relais serve` process whose stdout and stderr go to files in `log_dir`."""

    def __init__(
        self,
        db_path: Path,
        log_dir: Path,
        *,
        port: int | None = None,
        demo: bool = True,
        extra_args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.args = [
            str(RELAIS_BIN), "serve",
            "--hostname", "127.0.0.1",
            "--port", str(self.port),
            "--db", str(self.db_path),
            *(["--demo"] if demo else []),
            *extra_args,
        ]
        self.env = env if env is not None else server_env()
        log_dir = Path(log_dir)
        log_dir.mkdir(parents=True, exist_ok=True)
        self.stdout_path = log_dir / "relais.stdout.log"
        self.stderr_path = log_dir / "relais.stderr.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "RelaisServer":
        check_binary()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                self.args, cwd=REPO, env=self.env,
                stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            )
        return self

    def output(self) -> str:
        """What the server printed so far, for failure messages."""
        parts = []
        for label, path in (("stdout", self.stdout_path), ("stderr", self.stderr_path)):
            text = path.read_text("utf-8", "replace") if path.exists() else ""
            parts.append(f"--- {label} ---\n{text.rstrip()}")
        return "\n".join(parts)

    def wait_until_live(self, timeout: float = START_TIMEOUT) -> None:
        """Poll /livez until it answers `ok`; raise with the server's output if it dies or times out."""
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.process.poll()
            if status is not None:
                raise RuntimeError(
                    f"relais exited with status {status} before answering /livez\n"
                    f"command: {' '.join(self.args)}\n{self.output()}"
                )
            try:
                with urllib.request.urlopen(self.base_url + "/livez", timeout=1) as response:
                    if response.status == 200 and response.read().strip() == b"ok":
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(POLL_INTERVAL)
        raise TimeoutError(
            f"relais did not answer {self.base_url}/livez within {timeout:.0f} s\n"
            f"command: {' '.join(self.args)}\n{self.output()}"
        )

    def stop(self) -> None:
        """Terminate, wait up to 10 s, then kill."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)

    def __enter__(self) -> "RelaisServer":
        self.start()
        try:
            self.wait_until_live()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
