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
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source infra/java-env.sh
version="$(grep -m1 -A1 '<artifactId>chat-backend</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')"
out="$root/.run/bench-logs/handshakes-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out/classes" .run/tmp
javac -d "$out/classes" -cp "infra/local-stack/target/local-stack-$version.jar" "$here/TokenStack.java" || exit 1
fifo="$out/stdin"; mkfifo "$fifo"
sleep infinity > "$fifo" &
holder=$!
java --sun-misc-unsafe-memory-access=allow -Djava.io.tmpdir="$root/.run/tmp" -Dloader.path="$out/classes" \
  -Dloader.main=TokenStack -cp "infra/local-stack/target/local-stack-$version-exec.jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher < "$fifo" > "$out/stack.out" 2>&1 &
stack=$!
pids=()
stop_all() {
  local p i
  for p in ${pids[@]+"${pids[@]}"}; do kill -TERM "$p" 2>/dev/null; done
  for p in ${pids[@]+"${pids[@]}"}; do
    for i in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -KILL "$p" 2>/dev/null
  done
  kill "$holder" 2>/dev/null
  for i in $(seq 1 30); do kill -0 "$stack" 2>/dev/null || break; sleep 1; done
  kill -KILL "$stack" 2>/dev/null
}
trap stop_all EXIT
trap 'exit 130' INT TERM
until grep -q "^UP" "$out/stack.out"; do
  kill -0 "$stack" 2>/dev/null || { tail -20 "$out/stack.out"; exit 1; }
  sleep 1
done
kafka="$(sed -n 's/^KAFKA //p' "$out/stack.out")"; jwk="$(sed -n 's/^JWK //p' "$out/stack.out")"
token="$(sed -n 's/^TOKEN //p' "$out/stack.out")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
specs=("$@")
for spec in "$@"; do
  jar="${spec%%|*}"
  opts="${NODE_OPTS:--Xmx512m -Xmn64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
  [[ "$spec" == *"|"* ]] && opts="${spec#*|}"
  port="$(free_port)"; n=${#pids[@]}
  # Port 9 (discard) refuses at once: the node's calls to the other services fail fast.
  SERVER_PORT=$port CHAT_NODE_ID=bench-$n KAFKA_BOOTSTRAP_SERVERS=$kafka CHAT_JWK_SET_URI=$jwk \
    CHAT_SESSION_SERVICE_URL=http://127.0.0.1:9 CHAT_MESSAGE_SERVICE_URL=http://127.0.0.1:9 \
    java $opts -Djava.io.tmpdir="$root/.run/tmp" -jar "$jar" > "$out/node-$n.log" 2>&1 &
  pids+=($!); ports+=("$port")
  echo "[bench] node $n: $jar ($opts) on $port, pid ${pids[$n]}" >&2
done
for n in "${!pids[@]}"; do
  waited=0
  until curl -fs "http://127.0.0.1:${ports[$n]}/actuator/health/readiness" > /dev/null; do
    kill -0 "${pids[$n]}" 2>/dev/null || { tail -30 "$out/node-$n.log"; exit 1; }
    sleep 2; waited=$((waited + 2)); ((waited > 300)) && { echo "[bench] node $n not ready" >&2; exit 1; }
  done
done
overflows() { nstat -az TcpExtListenOverflows | awk '/Overflows/ {print $2}'; }
storm() {
  local n=$1 tag=$2 before after
  before="$(overflows)"
  nice -n -5 java -Xms256m -Xmx1g -jar "bench/target/bench-$version-exec.jar" connections \
    --node-url "http://127.0.0.1:${ports[$n]}" --node-pid "${pids[$n]}" --token "$token" \
    --connections "${CONNS:-3000}" --in-flight "${IN_FLIGHT:-200}" --hold 1 --greeting-wait 2 \
    --note "node $n: ${specs[$n]}; bench/free-ports/handshakes.sh" --out "$out/$tag.md" > "$out/$tag.stdout" 2>&1
  after="$(overflows)"
  # The kernel's count of connection attempts dropped because a listen queue was full (any process's).
  echo "$tag | listen overflows $((after - before)) | $(grep -E 'handshakes/s|node CPU while opening|connect → `connection_established`' "$out/$tag.md" | cut -d'|' -f3 | tr '\n' '|')"
}
for w in $(seq 1 "${WARM:-1}"); do for n in "${!pids[@]}"; do storm "$n" "warm$w-node$n" > /dev/null; done; done
echo "round-node | listen overflows | handshakes/s | connect → connection_established p50 / p99 / max (ms) | node CPU (ms per handshake)"
for r in $(seq 1 "${ROUNDS:-3}"); do
  if [[ -n "${PROFILE_LAST:-}" && $r == "${ROUNDS:-3}" ]]; then
    for n in "${!pids[@]}"; do jcmd "${pids[$n]}" JFR.start name=bench settings=profile filename="$out/node-$n.jfr" > /dev/null; done
  fi
  for n in "${!pids[@]}"; do storm "$n" "r$r-node$n"; done
done
if [[ -n "${PROFILE_LAST:-}" ]]; then
  for n in "${!pids[@]}"; do jcmd "${pids[$n]}" JFR.stop name=bench > /dev/null; done
fi
echo "[bench] reports and logs in $out" >&2
