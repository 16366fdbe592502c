#!/usr/bin/env bash
# Load: pages at 64 connections against /livez (the ceiling) and case opening through the real form.
# See bench/load.py and bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/load.py "$@"
