# Shared by bench/run.sh, admin-list.sh, connections.sh, storm.sh and free-ports/lib.sh: building, starting and
# stopping the systems under test. Sourced.
# Every process these functions stop is one they started, by its pid.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"
source infra/java-env.sh

VERSION="$(grep -m1 -A1 '<artifactId>chat-backend</artifactId>' pom.xml | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')"
BENCH_JAR="bench/target/bench-$VERSION-exec.jar"
# The JVM options meant for measuring (full JIT, a G1 heap fixed in size), instead of the launcher's start-up-friendly
# defaults (-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC). The launcher passes CHAT_JVM_OPTS to every service
# once it supports the variable; the report shows the options the services actually ran with.
BENCH_JVM_OPTS="${CHAT_JVM_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC}"
PEER_TOOLS="${PEER_TOOLS:-$ROOT/../shared/peer}"
PEER_ROOT="${PEER_ROOT:-${TMPDIR:-/tmp}/chat-peer}"
STACK_READY_TIMEOUT=420

bench_log() { echo "[bench] $*" >&2; }

# parse_options "VALUED..." "FLAGS..." ARG...: a script's command line. --an-option V sets an_option=V, a flag sets
# its variable to true; -h or --help prints the script's usage (exit 0), anything else an error and the usage (exit 2).
parse_options() {
  local _valued=" $1 " _flags=" $2 " _name
  shift 2
  while (($#)); do
    _name="${1#--}"; _name="${_name//-/_}"
    if [[ "$1" == -h || "$1" == --help ]]; then
      usage; exit 0
    elif [[ "$_valued" == *" $1 "* ]]; then
      (($# >= 2)) || { echo "$1 needs a value" >&2; usage >&2; exit 2; }
      printf -v "$_name" '%s' "$2"; shift 2
    elif [[ "$_flags" == *" $1 "* ]]; then
      printf -v "$_name" true; shift
    else
      echo "Unknown option: $1" >&2; usage >&2; exit 2
    fi
  done
}

# Builds the reactor (never mvn install) when a jar is missing or --build was given.
bench_build() {
  local force="$1" module missing=false
  for module in infra/local-stack session-service message-service stats-service realtime-service gateway-service; do
    [[ -f "$module/target/$(basename "$module")-$VERSION-exec.jar" ]] || missing=true
  done
  [[ -f "$BENCH_JAR" ]] || missing=true
  if [[ "$force" == true || "$missing" == true ]]; then
    bench_log "building the jars (mvn -B -q -ntp -DskipTests package)"
    mvn -B -q -ntp -DskipTests package
  fi
}

# The load generator runs at a slightly higher priority than everything else: on a small shared machine it would
# otherwise wait for a core like any process, and its own lateness would be counted as the system's latency. It needs
# a few percent of a core; the report shows how late it still was.
bench_run_jar() {
  nice -n -5 java -Xms256m -Xmx1g -jar "$BENCH_JAR" "$@"
}

# ---- the project: ./run with N realtime nodes ----------------------------------------------------------------
STACK_PID=""

# stack_start NODES LOG_DIR [EXTRA ./run ARGS...]: starts ./run in a session of its own (so Ctrl-C reaches only this
# script, whose trap stops the stack in order) and waits until every service is ready.
stack_start() {
  local nodes="$1" logs="$2"
  shift 2
  if ss -ltn 2>/dev/null | awk '{print $4}' | grep -qE '[:.](3000|3306|9092)$'; then
    bench_log "port 3000, 3306 or 9092 is taken: another stack is running here; stop it first"
    return 1
  fi
  mkdir -p "$logs"
  bench_log "starting ./run --realtime-nodes $nodes $* (CHAT_JVM_OPTS=\"$BENCH_JVM_OPTS\"; logs in $logs)"
  # Not a process group leader (no job control in scripts), so setsid execs in place: $! is ./run, which execs java.
  CHAT_JVM_OPTS="$BENCH_JVM_OPTS" setsid ./run --realtime-nodes "$nodes" --log-dir "$logs" "$@" \
    </dev/null >"$logs/run.out" 2>&1 &
  STACK_PID=$!
  local waited=0
  until grep -q "The chat backend is up" "$logs/run.out" 2>/dev/null; do
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      bench_log "./run exited before the stack was up:"; tail -20 "$logs/run.out" >&2; STACK_PID=""; return 1
    fi
    if (( waited >= STACK_READY_TIMEOUT )); then
      bench_log "the stack is not up after $STACK_READY_TIMEOUT s"; tail -20 "$logs/run.out" >&2; return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  bench_log "stack up in ${waited} s (launcher pid $STACK_PID)"
}

# Whether this ./run knows an option (the launcher is being extended while this benchmark is written).
run_supports() { ./run --help 2>/dev/null | grep -q -- "$1"; }

# The pid of whatever listens on a TCP port (a service of the stack); empty when nothing does.
listening_pid() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }

# result_file NAME: bench/results/<date>-NAME.md, or -2, -3… after it when that file exists already (committed or not),
# so that a second run on one day adds a report instead of overwriting the first.
result_file() {
  local out="bench/results/$(date +%F)-$1.md" n=2
  while [[ -e "$out" ]]; do out="bench/results/$(date +%F)-$1-$n.md"; n=$((n + 1)); done
  echo "$out"
}

# The kernel's count of connection attempts dropped because a listen queue was full (any process's): a client whose
# SYN is dropped retries after 1, 3, 7 s…, a wait no server sees.
listen_overflows() { nstat -az TcpExtListenOverflows | awk '/Overflows/ {print $2}'; }

# The launcher's own JVM options (what ./run gives every service), unless CHAT_JVM_OPTS was set: for the connection
# benchmarks, whose goal is what a node holds under the heap ./run gives it. Instead of run.sh's measuring options.
use_launcher_jvm_opts() {
  local defaults
  defaults="$(./run --help 2>/dev/null | sed -n 's/.*CHAT_JVM_OPTS.*(default "\(.*\)").*/\1/p')"
  BENCH_JVM_OPTS="${CHAT_JVM_OPTS:-$defaults}"
}

# connection_stack_start NODES LOG_NAME BUILD [JVM OPTION...]: for connections.sh and storm.sh. Builds the jars when
# one is missing or BUILD is true, then starts ./run (on a fresh database when it can) with NODES realtime nodes, the
# launcher's own JVM options plus the options given, logs in .run/bench-logs/LOG_NAME-<time>/; stops it on exit.
connection_stack_start() {
  local nodes="$1" log_name="$2" build="$3"
  shift 3
  use_launcher_jvm_opts
  (($#)) && BENCH_JVM_OPTS="$BENCH_JVM_OPTS $*"
  bench_build "$build"

  trap stack_stop EXIT
  trap 'exit 130' INT TERM

  local run_args=()
  run_supports --fresh && run_args+=(--fresh)
  stack_start "$nodes" "$ROOT/.run/bench-logs/$log_name-$(date +%Y%m%d-%H%M%S)" ${run_args[@]+"${run_args[@]}"}
}

# SIGTERM to the launcher, whose shutdown hook stops the services, then MariaDB and Kafka; SIGKILL to what is left
# after a minute.
stack_stop() {
  [[ -n "$STACK_PID" ]] || return 0
  local descendants
  descendants="$(pgrep -P "$STACK_PID" 2>/dev/null | tr '\n' ' ')"
  bench_log "stopping the stack (launcher pid $STACK_PID)"
  kill -TERM "$STACK_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    kill -0 "$STACK_PID" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$STACK_PID" 2>/dev/null; then
    bench_log "the launcher ignored SIGTERM for 60 s; SIGKILL to it and its children ($descendants)"
    kill -KILL "$STACK_PID" $descendants 2>/dev/null || true
  fi
  STACK_PID=""
}

# ---- the peer: /work/shared/peer's start.sh and stop.sh ----------------------------------------------------------
PEER_STARTED=false

peer_start() {
  [[ -x "$PEER_TOOLS/start.sh" ]] || { bench_log "no peer tools at $PEER_TOOLS (set PEER_TOOLS)"; return 1; }
  if peer_running; then
    bench_log "the peer is running already; measuring it as it is, and leaving it running"
  else
    PEER_STARTED=true
    bash "$PEER_TOOLS/start.sh" >&2
  fi
}

peer_running() {
  local pid
  pid="$(cat "$PEER_ROOT/run/node.pid" 2>/dev/null)" && [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

peer_pids() { cat "$PEER_ROOT/run/node.pid" "$PEER_ROOT/run/mariadbd.pid"; }

peer_stop() {
  if [[ "$PEER_STARTED" == true ]]; then
    bash "$PEER_TOOLS/stop.sh" >&2
    PEER_STARTED=false
  fi
}
