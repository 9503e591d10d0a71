# Sourced by ./run: which executable jars are older than what they are built from, so a `git pull` or an edit is
# rebuilt before it runs. Only the modules named are rebuilt (with the modules they need), which keeps a run after a
# one-line change short.

# The modules each executable jar is built from besides its own: a change to one of them makes the jar stale too.
upstream_of() {
  case "$1" in
    infra/local-stack) ;;
    realtime-service) echo contracts ;;
    *) echo contracts chassis ;;
  esac
}

# Prints each module of "$@" whose executable jar (<module>/target/<name>-<version>-exec.jar below the project root
# ROOT) is missing or older than a file of its sources, its pom, an upstream module's sources or pom, or the root pom.
# Usage: stale_modules ROOT VERSION MODULE...
stale_modules() {
  local root="$1" version="$2" module jar sources upstream
  shift 2
  for module in "$@"; do
    jar="$root/$module/target/$(basename "$module")-$version-exec.jar"
    if [[ ! -f "$jar" ]]; then
      echo "$module"
      continue
    fi
    sources=("$root/pom.xml" "$root/$module/pom.xml" "$root/$module/src")
    for upstream in $(upstream_of "$module"); do
      sources+=("$root/$upstream/pom.xml" "$root/$upstream/src")
    done
    if [[ -n "$(find "${sources[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
      echo "$module"
    fi
  done
}
