# Sourced by ./run and ./test: Maven and the services need a JDK 25 or newer, and the machine's default java
# may be older. Takes JAVA_HOME when it qualifies, then the default java, then the first one in /usr/lib/jvm.
readonly REQUIRED_JAVA=25

java_version_of() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

use_jdk_25() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" \
        && "$(java_version_of "$JAVA_HOME/bin/java")" -ge "$REQUIRED_JAVA" ]]; then
    export PATH="$JAVA_HOME/bin:$PATH"
    return
  fi
  if command -v javac >/dev/null && [[ "$(java_version_of java)" -ge "$REQUIRED_JAVA" ]]; then
    export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    return
  fi
  local candidate
  for candidate in /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/javac" && "$(java_version_of "$candidate/bin/java")" -ge "$REQUIRED_JAVA" ]]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return
    fi
  done
  echo "A JDK $REQUIRED_JAVA or newer is needed: set JAVA_HOME to one (none found under /usr/lib/jvm)." >&2
  exit 1
}

use_jdk_25
