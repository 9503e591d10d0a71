#!/usr/bin/env bash
# The connection benchmark on a stack started on free ports (as the e2e suite starts it), for a shared machine where
# ./run's ports (3000, 3306, 9092, 9093, 8081…) are taken by another suite. Builds nothing: run bench/connections.sh
# or mvn -DskipTests package first. Usage: bench/free-ports/connections.sh [connections options…]
# Environment: STACK_JVM_OPTS (default: ./run's defaults) for the services. Stops only what it started.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source infra/java-env.sh
version="$(grep -m1 -A1 '<artifactId>chat-backend</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')"
launcher_jar="infra/local-stack/target/local-stack-$version.jar"
classes="$root/.run/free-ports-classes"
mkdir -p "$classes" .run/tmp
javac -d "$classes" -cp "$launcher_jar" "$here/FreePortStack.java" || exit 1
logs="$root/.run/bench-logs/free-ports-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$logs"
fifo="$logs/stdin"; mkfifo "$fifo"
sleep infinity > "$fifo" &
holder=$!
# The exec jar carries the launcher's dependencies; PropertiesLauncher adds this class beside them.
java --sun-misc-unsafe-memory-access=allow -Djava.io.tmpdir="$root/.run/tmp" -Dloader.path="$classes" \
  -Dloader.main=FreePortStack -cp "infra/local-stack/target/local-stack-$version-exec.jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$root" "$logs" < "$fifo" > "$logs/stack.out" 2>&1 &
stack=$!
trap 'kill $holder 2>/dev/null; wait $stack' EXIT
until grep -q "^UP" "$logs/stack.out"; do
  kill -0 $stack 2>/dev/null || { tail -20 "$logs/stack.out"; exit 1; }
  sleep 2
done
node_url="$(sed -n 's/^NODE //p' "$logs/stack.out")"; session_url="$(sed -n 's/^SESSION //p' "$logs/stack.out")"
gateway_url="$(sed -n 's/^GATEWAY //p' "$logs/stack.out")"
[[ "${THROUGH_GATEWAY:-}" == true ]] && node_url="$gateway_url"
port="${node_url##*:}"; port="${port%/}"
node_pid="$(ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
echo "[bench] node $node_url (pid $node_pid), session-service $session_url; logs in $logs" >&2
nice -n -5 java -Xms256m -Xmx1g -jar "bench/target/bench-$version-exec.jar" connections --node-url "$node_url" \
  --login-url "$session_url" --node-pid "$node_pid" \
  --note "Commit $(git rev-parse --short HEAD); a stack on free ports (bench/free-ports/connections.sh); services' JVM options \`${STACK_JVM_OPTS:-the launcher defaults}\`" \
  "$@"
