#!/usr/bin/env bash
# The connection benchmark on a stack started on free ports (as the e2e suite starts it), for a shared machine where
# ./run's ports (3000, 3306, 9092, 9093, 8081…) are taken by another suite. Builds nothing: run bench/connections.sh
# or mvn -DskipTests package first. Usage: bench/free-ports/connections.sh [connections options…]
# Environment: STACK_JVM_OPTS (default: ./run's defaults) for the services. Stops only what it started.
set -uo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
classes="$ROOT/.run/free-ports-classes"
compile_helpers "$classes" FreePortStack || exit 1
OUT="$ROOT/.run/bench-logs/free-ports-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$OUT"
trap helper_stack_stop EXIT
helper_stack_start "$classes" FreePortStack "$ROOT" "$OUT" || exit 1
node_url="$(helper_says NODE)"; session_url="$(helper_says SESSION)"
gateway_url="$(helper_says GATEWAY)"
[[ "${THROUGH_GATEWAY:-}" == true ]] && node_url="$gateway_url"
port="${node_url##*:}"; port="${port%/}"
node_pid="$(listening_pid "$port")"
bench_log "node $node_url (pid $node_pid), session-service $session_url; logs in $OUT"
bench_run_jar connections --node-url "$node_url" \
  --login-url "$session_url" --node-pid "$node_pid" \
  --note "Commit $(git rev-parse --short HEAD); a stack on free ports (bench/free-ports/connections.sh); services' JVM options \`${STACK_JVM_OPTS:-the launcher defaults}\`" \
  "$@"
