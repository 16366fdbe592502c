#!/usr/bin/env bash
# Case files (issue 18): memory of one 10 MB upload, 50 concurrent uploads of 5 MB beside /livez, and
# SIGKILL during uploads (no half-written file listed or served, no orphan after restart).
# See bench/uploads.py and bench/README.md. Takes about a minute; exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/uploads.py "$@"
