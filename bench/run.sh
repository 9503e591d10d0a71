#!/usr/bin/env bash
# The message-path benchmark: starts the system under test, offers a constant message rate (users on one realtime
# node, the admin on another), prints one Markdown table and writes it to bench/results/<date>-<target>-<rate>.md,
# then stops what it started. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--rate R[,R...]] [--duration S] [--warmup S] [--target project|peer] [--nodes N] [--users N]
                    [--connect gateway|direct] [--build] [--smoke] [--census]
  --rate R        messages per second offered (default 1000); a list (20,100,200) measures each rate in turn
                  on one start of the system, one result file each
  --duration S    measured seconds (default 60)
  --warmup S      seconds of the same load first, not measured (default 10)
  --target T      project (./run, default) or peer (the incumbent, via ../shared/peer/start.sh)
  --nodes N       realtime nodes for the project (default 2: users on one, the admin on another)
  --users N       sending users (default rate/10, at least 10)
  --connect M     gateway (default: sockets through :3000, as clients connect) or direct (to the nodes' ports)
  --build         rebuild the jars first (they are built anyway when missing)
  --smoke         10 s at 20 msg/s after 3 s warm-up; fails unless every message arrives exactly once.
                  Writes no result file.
  --census        the project only: count every database statement (MariaDB's general query log) and Kafka record
                  per message, by service; 100 msg/s for 10 s unless told otherwise. Its latencies are not the
                  system's (the log slows the database). Writes bench/results/<date>-project-census.md.
Environment: CHAT_JVM_OPTS overrides the services' JVM options (default "-Xms512m -Xmx512m -XX:+UseG1GC").
EOF
}

invocation="bench/run.sh $*"
rate="" duration="" warmup=10 target=project nodes=2 users="" connect=gateway build=false smoke=false census=false
while (($#)); do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --connect) connect="$2"; shift 2 ;;
    --build) build=true; shift ;;
    --smoke) smoke=true; shift ;;
    --census) census=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$target" == project || "$target" == peer ]] || { echo "--target must be project or peer" >&2; exit 2; }

source "$(dirname "$0")/lib.sh"

if [[ "$smoke" == true ]]; then
  rate=20 duration=10 warmup=3
  out="$(mktemp -t bench-smoke-XXXXXX.md)"
elif [[ "$census" == true ]]; then
  [[ "$target" == project ]] || { echo "--census needs --target project" >&2; exit 2; }
  rate="${rate:-100}" duration="${duration:-10}"
  out="$(result_file project-census)"
else
  rate="${rate:-1000}" duration="${duration:-60}"
fi
[[ "$rate" =~ ^[0-9.]+(,[0-9.]+)*$ ]] || { echo "--rate takes numbers separated by commas, not $rate" >&2; exit 2; }

bench_build "$build"

jar_args=(messages --target "$target" --duration "$duration" --warmup "$warmup"
          --note "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' || echo ' (with local changes)'); $invocation")
[[ -n "$users" ]] && jar_args+=(--users "$users")
[[ "$smoke" == true ]] && jar_args+=(--fail-on-loss)

cleanup() {
  stack_stop
  peer_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$target" == project ]]; then
  run_args=()
  # A launcher that keeps its data between runs is told to start empty, so every run starts alike.
  run_supports --fresh && run_args+=(--fresh)
  stack_start "$nodes" "$ROOT/.run/bench-logs/$(date +%Y%m%d-%H%M%S)" ${run_args[@]+"${run_args[@]}"}
  jar_args+=(--nodes "$nodes" --connect "$connect" --watch-pid "$STACK_PID" --kafka 127.0.0.1:9092
             --db 127.0.0.1:3306
             --note "Services' JVM options requested through CHAT_JVM_OPTS: \`$BENCH_JVM_OPTS\`.")
  # A census waits for every message, however slow the general log makes the database.
  [[ "$census" == true ]] && jar_args+=(--count-statements --drain 30)
  for ((node = 0; node < nodes; node++)); do
    jar_args+=(--node-url "http://127.0.0.1:$((8090 + node))")
  done
else
  peer_start
  for pid in $(peer_pids); do jar_args+=(--watch-pid "$pid"); done
  jar_args+=(--url "http://127.0.0.1:${PEER_PORT:-3100}"
             --note "The peer: one Node process (NODE_ENV=development, logging every SQL statement as it ships) and its MariaDB.")
fi

status=0
for one_rate in ${rate//,/ }; do
  if [[ "$smoke" != true && "$census" != true ]]; then
    suffix=""
    [[ "$connect" == direct ]] && suffix=-direct
    out="$(result_file "$target-$one_rate$suffix")"
  fi
  bench_run_jar "${jar_args[@]}" --rate "$one_rate" --out "$out" || status=$?
done
exit "$status"
