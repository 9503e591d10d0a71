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
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
OUT="$ROOT/.run/bench-logs/offline-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$OUT"
trap stop_all EXIT
trap 'exit 130' INT TERM
compile_helpers "$OUT/classes" OfflineStack OfflineLoad || exit 1
users=10000 admins=20
helper_stack_start "$OUT/classes" OfflineStack "$OUT" $users $admins || exit 1
db="$(helper_says DB)"; kafka="$(helper_says KAFKA)"; jwk="$(helper_says JWK)"
mariadbd="$(listening_pid "$db")"
sql() { mysql -h 127.0.0.1 -P "$db" -u root --batch "$@"; }
# Token files line by line: user u is line u, admin a is 100000 + a.
awk 'NR % 10 != 0' "$OUT/user-tokens" > "$OUT/none-tokens"
awk 'NR % 10 == 0' "$OUT/user-tokens" > "$OUT/few-tokens"
cp "$OUT/admin-tokens" "$OUT/admin-tokens.txt"
launch_service() {
  local n=$1 port=$2 jar=$3 opts=$4
  SERVER_PORT=$port KAFKA_BOOTSTRAP_SERVERS=$kafka CHAT_JWK_SET_URI=$jwk SPRING_KAFKA_CONSUMER_GROUP_ID=bench-offline-$n \
    MESSAGE_DB_URL="jdbc:mysql://127.0.0.1:$db/bench_offline_$n?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false" \
    java $opts -Djava.io.tmpdir="$ROOT/.run/tmp" -jar "$jar" &
}
start_services service "${SERVICE_OPTS:--Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}" "$@"
for n in "${!PIDS[@]}"; do
  wait_ready "$n" || exit 1
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
tokens_of() { [[ $1 == admin ]] && echo "$OUT/admin-tokens.txt" || echo "$OUT/$1-tokens"; }
round() {
  local n=$1 scenario=$2 seconds=$3
  java -cp "$OUT/classes" OfflineLoad "http://127.0.0.1:${PORTS[$n]}$(path_of "$scenario")" "$(tokens_of "$scenario")" \
    "${CONCURRENCY:-16}" "$seconds" "service=${PIDS[$n]}" "mariadbd=$mariadbd"
}
for scenario in ${SCENARIOS:-none few admin}; do
  for n in "${!PIDS[@]}"; do round "$n" "$scenario" "${WARM_SECONDS:-15}" > /dev/null; done
done
echo "concurrency ${CONCURRENCY:-16}, ${ROUND_SECONDS:-20} s a round"
echo "| round | scenario | service | answers/s | p50 ms | p99 ms | failures | service CPU ms/answer | MariaDB CPU ms/answer |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "${ROUNDS:-3}"); do
  profile_round "$r"
  for scenario in ${SCENARIOS:-none few admin}; do
    for n in "${!PIDS[@]}"; do echo "| $r | $scenario | $n $(round "$n" "$scenario" "${ROUND_SECONDS:-20}")"; done
  done
done
profile_end
bench_log "services: ${SPECS[*]}; logs, tokens and profiles in $OUT"
