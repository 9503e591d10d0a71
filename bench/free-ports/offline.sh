#!/usr/bin/env bash
# The offline question (GET /api/v2/chat/offline-messages, what a realtime node asks message-service for every
# connection it greets) against message-services started alone, for before/after comparisons: MariaDB, Kafka and the
# JWK set on free ports (OfflineStack.java), one message-service per jar given, each on a free port with a schema of its
# own, seeded alike (20,000 sessions of 10,000 users, 200,000 messages; every tenth user has 3 missed messages, 20 admins
# hold the open sessions), then rounds of a closed-loop client (OfflineLoad.java) per scenario, alternating between the
# services so that the machine's noise hits each alike. Builds nothing. Needs no lock: every port is free-picked.
# Usage: bench/free-ports/offline.sh JAR[|JVM options] [JAR[|JVM options]...]
# Environment: CONCURRENCY (16) callers, ROUND_SECONDS (20) per round, ROUNDS (3), WARM_SECONDS (15) per service and scenario
# first, SCENARIOS ("none few admin": users with nothing missed, users with 3 missed, admins), PROFILE_LAST (set: JFR
# settings=profile on every service during the last round, service-<i>.jfr), SERVICE_OPTS (as ./run starts a service).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source infra/java-env.sh
version="$(grep -m1 -A1 '<artifactId>chat-backend</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')"
out="$root/.run/bench-logs/offline-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out/classes" .run/tmp
javac -d "$out/classes" -cp "infra/local-stack/target/local-stack-$version.jar" "$here/OfflineStack.java" || exit 1
javac -d "$out/classes" "$here/OfflineLoad.java" || exit 1
users=10000 admins=20
fifo="$out/stdin"; mkfifo "$fifo"
sleep infinity > "$fifo" &
holder=$!
java --sun-misc-unsafe-memory-access=allow -Djava.io.tmpdir="$root/.run/tmp" -Dloader.path="$out/classes" \
  -Dloader.main=OfflineStack -cp "infra/local-stack/target/local-stack-$version-exec.jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$out" $users $admins < "$fifo" > "$out/stack.out" 2>&1 &
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
db="$(sed -n 's/^DB //p' "$out/stack.out")"; kafka="$(sed -n 's/^KAFKA //p' "$out/stack.out")"
jwk="$(sed -n 's/^JWK //p' "$out/stack.out")"
mariadbd="$(ss -ltnpH "sport = :$db" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
sql() { mysql -h 127.0.0.1 -P "$db" -u root --batch "$@"; }
# Token files line by line: user u is line u, admin a is 100000 + a.
awk 'NR % 10 != 0' "$out/user-tokens" > "$out/none-tokens"
awk 'NR % 10 == 0' "$out/user-tokens" > "$out/few-tokens"
cp "$out/admin-tokens" "$out/admin-tokens.txt"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
specs=("$@")
for spec in "$@"; do
  jar="${spec%%|*}"
  opts="${SERVICE_OPTS:--Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
  [[ "$spec" == *"|"* ]] && opts="${spec#*|}"
  port="$(free_port)"; n=${#pids[@]}
  SERVER_PORT=$port KAFKA_BOOTSTRAP_SERVERS=$kafka CHAT_JWK_SET_URI=$jwk SPRING_KAFKA_CONSUMER_GROUP_ID=bench-offline-$n \
    MESSAGE_DB_URL="jdbc:mysql://127.0.0.1:$db/bench_offline_$n?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false" \
    java $opts -Djava.io.tmpdir="$root/.run/tmp" -jar "$jar" > "$out/service-$n.log" 2>&1 &
  pids+=($!); ports+=("$port")
  echo "[bench] service $n: $jar ($opts) on $port, pid ${pids[$n]}" >&2
done
for n in "${!pids[@]}"; do
  waited=0
  until curl -fs "http://127.0.0.1:${ports[$n]}/actuator/health/readiness" > /dev/null; do
    kill -0 "${pids[$n]}" 2>/dev/null || { tail -30 "$out/service-$n.log"; exit 1; }
    sleep 2; waited=$((waited + 2)); ((waited > 300)) && { echo "[bench] service $n not ready" >&2; exit 1; }
  done
  # The same rows in every service's schema, written behind its back (its migrations made the tables).
  sql "bench_offline_$n" <<SQL || exit 1
INSERT INTO session_view (session_id, user_id, admin_id, status, version, next_sequence)
SELECT CONCAT('bench-', u.seq, '-', k.kind), u.seq, 100001 + u.seq % $admins, IF(k.kind = 'a', 'closed', 'active'), 1, 11
  FROM seq_1_to_${users} u CROSS JOIN (SELECT 'a' AS kind UNION ALL SELECT 'b') k;
INSERT INTO chat_messages (message_id, session_id, sequence, sender_id, sender_type, sender_nickname, content,
                           message_type, status, created_at)
SELECT CONCAT(s.session_id, '-', m.seq), s.session_id, m.seq, IF(m.seq % 2 = 1, s.user_id, s.admin_id),
       IF(m.seq % 2 = 1, 'user', 'admin'), 'bench', CONCAT('message ', m.seq, ' ', REPEAT('x', 80)), 'text',
       CASE WHEN s.status = 'active' AND s.user_id % 10 = 0 AND m.seq % 2 = 0 AND m.seq >= 6 THEN 'sent'
            WHEN s.status = 'active' AND s.user_id % 10 = 5 AND m.seq = 9 THEN 'sent'
            ELSE 'read' END,
       TIMESTAMP('2026-01-01') + INTERVAL (s.user_id * 20 + IF(s.status = 'closed', 0, 10) + m.seq) SECOND
  FROM session_view s CROSS JOIN seq_1_to_10 m;
COMMIT;
ANALYZE TABLE session_view, chat_messages;
SQL
  for who in "user_id = 7" "user_id = 10"; do
    echo "[bench] service $n, EXPLAIN of the offline query for $who:" >&2
    sql -t "bench_offline_$n" -e "EXPLAIN SELECT m.* FROM session_view s JOIN chat_messages m ON m.session_id = s.session_id
      AND m.sender_type = 'admin' AND m.status = 'sent' WHERE s.$who ORDER BY m.created_at, m.session_id, m.sequence LIMIT 101" >&2
  done
done
path_of() { [[ $1 == admin ]] && echo /api/v2/admin/chat/offline-messages?limit=100 || echo /api/v2/chat/offline-messages?limit=100; }
tokens_of() { [[ $1 == admin ]] && echo "$out/admin-tokens.txt" || echo "$out/$1-tokens"; }
round() {
  local n=$1 scenario=$2 seconds=$3
  java -cp "$out/classes" OfflineLoad "http://127.0.0.1:${ports[$n]}$(path_of "$scenario")" "$(tokens_of "$scenario")" \
    "${CONCURRENCY:-16}" "$seconds" "service=${pids[$n]}" "mariadbd=$mariadbd"
}
for scenario in ${SCENARIOS:-none few admin}; do
  for n in "${!pids[@]}"; do round "$n" "$scenario" "${WARM_SECONDS:-15}" > /dev/null; done
done
echo "concurrency ${CONCURRENCY:-16}, ${ROUND_SECONDS:-20} s a round"
echo "| round | scenario | service | answers/s | p50 ms | p99 ms | failures | service CPU ms/answer | MariaDB CPU ms/answer |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "${ROUNDS:-3}"); do
  if [[ -n "${PROFILE_LAST:-}" && $r == "${ROUNDS:-3}" ]]; then
    for n in "${!pids[@]}"; do jcmd "${pids[$n]}" JFR.start name=bench settings=profile filename="$out/service-$n.jfr" > /dev/null; done
  fi
  for scenario in ${SCENARIOS:-none few admin}; do
    for n in "${!pids[@]}"; do echo "| $r | $scenario | $n $(round "$n" "$scenario" "${ROUND_SECONDS:-20}")"; done
  done
done
if [[ -n "${PROFILE_LAST:-}" ]]; then
  for n in "${!pids[@]}"; do jcmd "${pids[$n]}" JFR.stop name=bench > /dev/null; done
fi
echo "[bench] services: ${specs[*]}; logs, tokens and profiles in $out" >&2
