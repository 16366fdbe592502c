#!/usr/bin/env bash
# Scale: start-up, search, signed-in pages and the load benchmark on the seeds alone and on a generated
# database of 100,000 cases, 10,000 fact sheets, 2,000 correspondents and 500,000 messages, compared in
# one run. See bench/scale.py and bench/README.md. Targets: start-up under 2 s, figures within 20 %.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/scale.py "$@"
