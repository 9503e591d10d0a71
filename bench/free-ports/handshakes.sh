#!/usr/bin/env bash
# Handshake storms against realtime nodes started alone, for before/after comparisons of the handshake path: Kafka and
# the JWK set on free ports (no session-service, no message-service: the offline question fails fast and the second
# frame is 5003), one node per jar given, each on a free port, then storms of the bench's connections client with one
# token (--token), round after round, alternating between the nodes so that the machine's noise hits each alike. Builds
# nothing. Needs no lock: every port is free-picked.
# Usage: bench/free-ports/handshakes.sh JAR[|JVM options] [JAR[|JVM options]...]
# Environment: CONNS (3000), IN_FLIGHT (200), WARM (1) storms per node first, ROUNDS (3), PROFILE_LAST (set: JFR
# settings=profile on every node during the last round, node-<i>.jfr), NODE_OPTS (as ./run starts a node).
set -uo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
OUT="$ROOT/.run/bench-logs/handshakes-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$OUT"
trap stop_all EXIT
trap 'exit 130' INT TERM
compile_helpers "$OUT/classes" TokenStack || exit 1
helper_stack_start "$OUT/classes" TokenStack || exit 1
kafka="$(helper_says KAFKA)"; jwk="$(helper_says JWK)"; token="$(helper_says TOKEN)"
launch_service() {
  local n=$1 port=$2 jar=$3 opts=$4
  # Port 9 (discard) refuses at once: the node's calls to the other services fail fast.
  SERVER_PORT=$port CHAT_NODE_ID=bench-$n KAFKA_BOOTSTRAP_SERVERS=$kafka CHAT_JWK_SET_URI=$jwk \
    CHAT_SESSION_SERVICE_URL=http://127.0.0.1:9 CHAT_MESSAGE_SERVICE_URL=http://127.0.0.1:9 \
    java $opts -Djava.io.tmpdir="$ROOT/.run/tmp" -jar "$jar" &
}
start_services node "${NODE_OPTS:--Xmx512m -Xmn64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}" "$@"
for n in "${!PIDS[@]}"; do wait_ready "$n" || exit 1; done
storm() {
  local n=$1 tag=$2 before after
  before="$(listen_overflows)"
  bench_run_jar connections \
    --node-url "http://127.0.0.1:${PORTS[$n]}" --node-pid "${PIDS[$n]}" --token "$token" \
    --connections "${CONNS:-3000}" --in-flight "${IN_FLIGHT:-200}" --hold 1 --greeting-wait 2 \
    --note "node $n: ${SPECS[$n]}; bench/free-ports/handshakes.sh" --out "$OUT/$tag.md" > "$OUT/$tag.stdout" 2>&1
  after="$(listen_overflows)"
  echo "$tag | listen overflows $((after - before)) | $(grep -E 'handshakes/s|node CPU while opening|connect → `connection_established`' "$OUT/$tag.md" | cut -d'|' -f3 | tr '\n' '|')"
}
for w in $(seq 1 "${WARM:-1}"); do for n in "${!PIDS[@]}"; do storm "$n" "warm$w-node$n" > /dev/null; done; done
echo "round-node | listen overflows | handshakes/s | connect → connection_established p50 / p99 / max (ms) | node CPU (ms per handshake)"
for r in $(seq 1 "${ROUNDS:-3}"); do
  profile_round "$r"
  for n in "${!PIDS[@]}"; do storm "$n" "r$r-node$n"; done
done
profile_end
bench_log "reports and logs in $OUT"
