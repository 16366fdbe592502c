#!/usr/bin/env bash
# Faults: mail server down while cases open, SIGKILL under load, 10,000 fuzzed form submissions.
# See bench/fault.py and bench/README.md. Takes about 4 minutes (the outbox retries after ~1 minute).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/fault.py "$@"
