#!/usr/bin/env bash
# The connection benchmark: starts the project with N realtime nodes, opens many idle authenticated WebSocket
# connections straight to the first node, and reports connections held, handshakes/s, refusals, the node's memory
# per connection (RSS, live heap, native memory) to bench/results/<date>-connections-<N>.md. See bench/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/connections.sh [--nodes N] [--connections N] [--users N] [--in-flight N] [--hold S] [--warm-up N] [--nmt]
                            [--build]
  --nodes N        realtime nodes (default 1); the connections all go to the first (:8090)
  --connections N  sockets to open (default 18000; this machine allows 20,000 open files per process)
  --users N        accounts the sockets are spread over (default min(connections, 1000))
  --in-flight N    handshakes at once (default 200)
  --hold S         seconds to keep every socket open after the last handshake (default 30)
  --warm-up N      first open N sockets, wait until they are greeted and close them, as a node that has served
                   before would have (its code, and the load generator's, compiled); their report is …-cold.md,
                   the measured one …-warm.md. Default 0: a cold node
  --message-rate R with every socket held, the message benchmark at R msg/s on the same node (default 1000; 0: none)
  --message-duration S  its measured seconds (default 20)
  --nmt            run the services with -XX:NativeMemoryTracking=summary (adds a little memory per thread)
  --histograms DIR write the node's whole heap histograms (before, after) to DIR
  --build          rebuild the jars first
Environment: CHAT_JVM_OPTS overrides the services' JVM options. Unlike run.sh the default is the launcher's own
(what ./run gives every service), since the goal is the connections a node holds under the heap ./run gives it.
EOF
}

source "$(dirname "$0")/lib.sh"

invocation="bench/connections.sh $*"
nodes=1 connections=18000 users="" in_flight=200 hold=30 nmt=false build=false histograms= message_rate=1000
message_duration=20 warm_up=0
parse_options "--nodes --connections --users --in-flight --hold --warm-up --message-rate --message-duration --histograms" \
  "--nmt --build" "$@"

jvm_opts=()
[[ "$nmt" == true ]] && jvm_opts+=(-XX:NativeMemoryTracking=summary)
connection_stack_start "$nodes" connections "$build" ${jvm_opts[@]+"${jvm_opts[@]}"}

node_pid="$(listening_pid 8090)"
[[ -n "$node_pid" ]] || { bench_log "nothing listens on :8090"; exit 1; }
bench_log "node realtime-1 is pid $node_pid; its open-file limit: $(grep 'Max open files' "/proc/$node_pid/limits" | awk '{print $4}')"

jar_args=(connections --node-url http://127.0.0.1:8090 --login-url http://127.0.0.1:8081 --node-pid "$node_pid"
          --connections "$connections" --in-flight "$in_flight" --hold "$hold"
          --message-rate "$message_rate" --message-duration "$message_duration" --watch-pid "$STACK_PID"
          --note "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' || echo ' (with local changes)'); $invocation")
[[ -n "$users" ]] && jar_args+=(--users "$users")
if ((warm_up > 0)); then
  jar_args+=(--warm-up "$warm_up" --warm-up-out "$(result_file "connections-$connections-cold")"
             --out "$(result_file "connections-$connections-warm")")
else
  jar_args+=(--out "$(result_file "connections-$connections")")
fi
[[ -n "$histograms" ]] && jar_args+=(--histograms "$histograms")
# The load generator holds as many sockets as the node: it needs the same open files, and little heap (raw NIO).
bench_run_jar "${jar_args[@]}"
