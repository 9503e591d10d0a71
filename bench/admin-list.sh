#!/usr/bin/env bash
# The admin session list benchmark: starts the project, seeds its database with sessions and messages, measures
# GET /api/v2/admin/chat/sessions through the gateway for every status filter and deep pages, writes the table to
# bench/results/<date>-admin-list-<sessions>.md and stops the stack. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/admin-list.sh [--sessions N] [--messages-per-session M] [--concurrency C] [--seconds S]
                           [--pages LIST] [--statuses LIST] [--build]
  --sessions N              sessions to seed (default 1000000, the goal; try 100000 first)
  --messages-per-session M  messages per session (default 20: 20,000,000 for the goal)
  --concurrency C           clients asking at once (default 16)
  --seconds S               measured seconds per status and page (default 5)
  --pages LIST              default 1,10,100,1000,last
  --statuses LIST           default all,pending,waiting,active,closed
  --build                   rebuild the jars first
The gateway's per-client rate limit (20/s) is raised for this run: one admin asks thousands of times a second here,
and the figure wanted is what the list itself sustains.
EOF
}

invocation="bench/admin-list.sh $*"
sessions=1000000 per_session=20 concurrency=16 seconds=5 pages="1,10,100,1000,last"
statuses="all,pending,waiting,active,closed" build=false
while (($#)); do
  case "$1" in
    --sessions) sessions="$2"; shift 2 ;;
    --messages-per-session) per_session="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --pages) pages="$2"; shift 2 ;;
    --statuses) statuses="$2"; shift 2 ;;
    --build) build=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

source "$(dirname "$0")/lib.sh"
bench_build "$build"

trap stack_stop EXIT
trap 'exit 130' INT TERM

run_args=()
# A launcher that keeps its data between runs keeps the seeded database in a folder of its own, so the next run
# of the same size skips the seeding (the seeder checks); one that does not starts empty and seeds each time.
run_supports --data-dir && run_args+=(--data-dir "$ROOT/.run/bench-admin-list-data")
export CHAT_RATE_LIMIT_PER_SECOND=1000000 CHAT_RATE_LIMIT_BURST=1000000
stack_start 1 "$ROOT/.run/bench-logs/admin-list-$(date +%Y%m%d-%H%M%S)" ${run_args[@]+"${run_args[@]}"}

bench_run_jar seed --sessions "$sessions" --messages-per-session "$per_session"

bench_run_jar admin-list --concurrency "$concurrency" --seconds "$seconds" --pages "$pages" \
  --statuses "$statuses" --watch-pid "$STACK_PID" --db-port 3306 --out "$(result_file "admin-list-$sessions")" \
  --note "Seeded: $sessions sessions, $per_session messages each (bench seed). Commit $(git rev-parse --short HEAD); $invocation" \
  --note "Services' JVM options requested through CHAT_JVM_OPTS: \`$BENCH_JVM_OPTS\`; gateway rate limit raised to 1,000,000/s."
