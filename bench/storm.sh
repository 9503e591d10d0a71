#!/usr/bin/env bash
# The connection storm: starts the project with two realtime nodes, opens many idle authenticated sockets through the
# gateway (which spreads them over both), kills the second node with SIGKILL, and lets every client it held reconnect
# at once through the gateway as a mobile client does. Reports what was lost, how long until every lost client was
# served again, every refusal and every failure that was not a clean 503 with Retry-After, whether any client of the
# surviving node was closed, and the survivor's memory after: bench/results/<date>-storm-<N>.md. See bench/README.md.
# Uses ./run's fixed ports: run it under flock /tmp/chat-system.lock on a shared machine.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/storm.sh [--connections N] [--users N] [--in-flight N] [--hold S] [--storm-timeout S]
                      [--handshake-timeout S] [--build]
  --connections N    sockets to open through the gateway (default 6000)
  --users N          accounts the sockets are spread over (default min(connections, 1000))
  --in-flight N      handshakes at once while opening (default 200; the storm itself has no limit)
  --hold S           seconds to keep every socket once all lost ones are back (default 10)
  --storm-timeout S  the longest the lost clients get to be served again (default 180)
  --handshake-timeout S  a reconnecting client's patience with a handshake that gets no answer (default 30)
  --build            rebuild the jars first
Environment: CHAT_JVM_OPTS overrides the services' JVM options (default: the launcher's own, as connections.sh).
USAGE
}

source "$(dirname "$0")/lib.sh"

invocation="bench/storm.sh $*"
connections=6000 users="" in_flight=200 hold=10 storm_timeout=180 handshake_timeout=30 build=false
parse_options "--connections --users --in-flight --hold --storm-timeout --handshake-timeout" "--build" "$@"

connection_stack_start 2 storm "$build"

survivor_pid="$(listening_pid 8090)" victim_pid="$(listening_pid 8091)" gateway_pid="$(listening_pid 3000)"
[[ -n "$survivor_pid" && -n "$victim_pid" && -n "$gateway_pid" ]] \
  || { bench_log "expected realtime nodes on :8090 and :8091 and the gateway on :3000"; exit 1; }
bench_log "survivor realtime-1 pid $survivor_pid, victim realtime-2 pid $victim_pid, gateway pid $gateway_pid"

out="$(result_file "storm-$connections")"
# Settings given to the services through the environment (e.g. a node's cap) belong in the report.
settings="$(env | grep -E '^CHAT_' | grep -vE '^CHAT_JVM_OPTS=' | sort | tr '\n' ' ' || true)"
jar_args=(storm --gateway-url http://127.0.0.1:3000 --login-url http://127.0.0.1:8081
          --survivor-pid "$survivor_pid" --victim-pid "$victim_pid" --gateway-pid "$gateway_pid"
          --connections "$connections" --in-flight "$in_flight" --hold "$hold" --storm-timeout "$storm_timeout"
          --handshake-timeout "$handshake_timeout"
          --out "$out"
          --note "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' || echo ' (with local changes)'); $settings$invocation")
[[ -n "$users" ]] && jar_args+=(--users "$users")
overflows_before="$(listen_overflows)"
# The load generator holds as many sockets as the nodes together: it needs the same open files, and little heap.
status=0
bench_run_jar "${jar_args[@]}" || status=$?
[[ -f "$out" ]] && echo "| listen-queue overflows during the run (kernel, any process) | $(($(listen_overflows) - overflows_before)) |" >> "$out"
exit "$status"
