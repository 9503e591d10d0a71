# Shared by the scripts in bench/free-ports: a helper stack (a class beside them run on the local-stack launcher,
# which starts Kafka, the JWK set… on free ports) and the services under test, each on a free port. Sourced; builds on
# bench/lib.sh (ROOT, VERSION, bench_log, bench_run_jar, listening_pid; the working directory is the repository's).
# The script sets OUT, the directory of its run's logs, before calling these. Every process these functions stop is
# one they started, by its pid.

source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
FREE_PORTS_DIR="$BENCH_DIR/free-ports"
mkdir -p .run/tmp

# A TCP port nothing listens on now (the kernel's pick), for a service about to start.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# compile_helpers CLASSES NAME...: compiles NAME.java (beside these scripts) into CLASSES, against the launcher's jar.
compile_helpers() {
  local classes="$1" name sources=()
  shift
  for name in "$@"; do sources+=("$FREE_PORTS_DIR/$name.java"); done
  mkdir -p "$classes"
  javac -d "$classes" -cp "infra/local-stack/target/local-stack-$VERSION.jar" "${sources[@]}"
}

# ---- the helper stack: one JVM whose stdin is a FIFO held open by a sleep; it stops when stdin closes ------------
HELPER_HOLDER="" HELPER_STACK=""

# helper_stack_start CLASSES MAIN [ARG...]: runs MAIN from CLASSES, output in $OUT/stack.out, until it prints UP.
helper_stack_start() {
  local classes="$1" main="$2"
  shift 2
  mkfifo "$OUT/stdin"
  sleep infinity > "$OUT/stdin" &
  HELPER_HOLDER=$!
  # The exec jar carries the launcher's dependencies; PropertiesLauncher adds the class beside them.
  java --sun-misc-unsafe-memory-access=allow -Djava.io.tmpdir="$ROOT/.run/tmp" -Dloader.path="$classes" \
    -Dloader.main="$main" -cp "infra/local-stack/target/local-stack-$VERSION-exec.jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@" < "$OUT/stdin" > "$OUT/stack.out" 2>&1 &
  HELPER_STACK=$!
  until grep -q "^UP" "$OUT/stack.out"; do
    kill -0 "$HELPER_STACK" 2>/dev/null || { tail -20 "$OUT/stack.out"; return 1; }
    sleep 1
  done
}

# What the helper printed after KEY at the start of a line (KAFKA, JWK, TOKEN, DB, NODE…).
helper_says() { sed -n "s/^$1 //p" "$OUT/stack.out"; }

# helper_stack_stop [SECONDS]: closes the helper's stdin and waits for it to end; SIGKILL after SECONDS when given.
helper_stack_stop() {
  [[ -n "$HELPER_HOLDER" ]] && kill "$HELPER_HOLDER" 2>/dev/null
  [[ -n "$HELPER_STACK" ]] || return 0
  if (($# == 0)); then
    wait "$HELPER_STACK"
    return
  fi
  local i
  for i in $(seq 1 "$1"); do kill -0 "$HELPER_STACK" 2>/dev/null || break; sleep 1; done
  kill -KILL "$HELPER_STACK" 2>/dev/null
}

# ---- the services under test: service N is PIDS[N] on PORTS[N], started from SPECS[N], logging to $OUT/KIND-N.log -
SERVICE_KIND="" PIDS=() PORTS=() SPECS=()

# start_services KIND DEFAULT_OPTS SPEC...: per JAR[|JVM options], the script's launch_service N PORT JAR OPTS.
start_services() {
  local kind="$1" default_opts="$2" spec jar opts port n
  shift 2
  SERVICE_KIND="$kind"
  for spec in "$@"; do
    jar="${spec%%|*}"
    opts="$default_opts"
    [[ "$spec" == *"|"* ]] && opts="${spec#*|}"
    port="$(free_port)"; n=${#PIDS[@]}
    launch_service "$n" "$port" "$jar" "$opts" > "$OUT/$kind-$n.log" 2>&1
    PIDS+=("$!"); PORTS+=("$port"); SPECS+=("$spec")
    bench_log "$kind $n: $jar ($opts) on $port, pid ${PIDS[$n]}"
  done
}

# wait_ready N: until service N is ready; 1 (its log's last lines) when it ends first or is not ready in 300 s.
wait_ready() {
  local n="$1" waited=0
  until curl -fs "http://127.0.0.1:${PORTS[$n]}/actuator/health/readiness" > /dev/null; do
    kill -0 "${PIDS[$n]}" 2>/dev/null || { tail -30 "$OUT/$SERVICE_KIND-$n.log"; return 1; }
    sleep 2; waited=$((waited + 2))
    if ((waited > 300)); then bench_log "$SERVICE_KIND $n not ready"; return 1; fi
  done
}

# profile_round R: with PROFILE_LAST set, JFR (JFR_SETTINGS: a .jfc, else profile) on every service ($OUT/KIND-N.jfr)
# when R is the last of ROUNDS (3).
profile_round() {
  [[ -n "${PROFILE_LAST:-}" && $1 == "${ROUNDS:-3}" ]] || return 0
  local n
  for n in "${!PIDS[@]}"; do
    jcmd "${PIDS[$n]}" JFR.start name=bench settings="${JFR_SETTINGS:-profile}" \
      filename="$OUT/$SERVICE_KIND-$n.jfr" > /dev/null
  done
}

# Stops what profile_round started.
profile_end() {
  [[ -n "${PROFILE_LAST:-}" ]] || return 0
  local n
  for n in "${!PIDS[@]}"; do jcmd "${PIDS[$n]}" JFR.stop name=bench > /dev/null; done
}

# The EXIT trap: the services (SIGTERM, SIGKILL after 30 s), then the helper stack (SIGKILL after 30 s).
stop_all() {
  local p i
  for p in ${PIDS[@]+"${PIDS[@]}"}; do kill -TERM "$p" 2>/dev/null; done
  for p in ${PIDS[@]+"${PIDS[@]}"}; do
    for i in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -KILL "$p" 2>/dev/null
  done
  helper_stack_stop 30
}
