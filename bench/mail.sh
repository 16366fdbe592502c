#!/usr/bin/env bash
# Mail throughput: 1,000 queued messages delivered by the real outbox worker (libcurl, one reused
# connection) to an SMTP sink on loopback. Prints a table row; target: 200 messages/s or more.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000}
RUNS=${RUNS:-5}
BIN=${RELAIS_BIN:-.build/release/relais}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }

rates=()
for run in $(seq "$RUNS"); do
  coproc SINK { exec python3 bench/smtp_sink.py; }
  read -r port <&"${SINK[0]}"
  result=$("$BIN" dev bench-mail --count "$COUNT" --smtp-url "smtp://127.0.0.1:$port")
  kill -TERM "$SINK_PID"
  read -r sink_stats <&"${SINK[0]}"
  wait "$SINK_PID" || true
  rate=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['per_second'])" "$result")
  connections=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['connections'])" "$sink_stats")
  received=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['messages'])" "$sink_stats")
  echo "run $run: $result sink=$sink_stats"
  [ "$received" = "$COUNT" ] || { echo "the sink received $received of $COUNT messages" >&2; exit 1; }
  rates+=("$rate")
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo
echo "| benchmark | messages | runs | median messages/s | connections per run | target |"
echo "|---|---|---|---|---|---|"
echo "| mail delivery (outbox → libcurl → loopback sink) | $COUNT | $RUNS | $median | $connections | ≥ 200/s |"
