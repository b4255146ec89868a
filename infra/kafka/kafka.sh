#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) for local tests and CI.
# The broker jars come from Maven Central through infra/kafka/pom.xml; no Docker, no download
# other than Maven. Everything it writes lives under .cache/kafka/ (git-ignored).
#
#   infra/kafka/kafka.sh fetch|start|stop|status|restart|reset
#
# Environment (all optional):
#   KAFKA_PORT              PLAINTEXT port (default 19092); the controller listens on KAFKA_PORT+1
#   KAFKA_NUM_PARTITIONS    num.partitions for auto-created topics (default 6)
#   KAFKA_HEAP_OPTS         JVM heap (default "-Xms256m -Xmx512m")
#   KAFKA_CACHE_DIR         where jars, data, logs and the pid file go (default <repo>/.cache/kafka)
#   KAFKA_READY_TIMEOUT_MS  how long start waits for the broker to answer (default 60000)
#   KAFKA_STOP_TIMEOUT_S    how long stop waits after SIGTERM before SIGKILL (default 30)
#   JAVA_HOME / JAVA        Java 17+ to run the broker (default: java on PATH)
#   MVN                     maven executable (default: mvn)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"

CACHE_DIR="${KAFKA_CACHE_DIR:-$REPO_ROOT/.cache/kafka}"
LIBS_DIR="$CACHE_DIR/libs"
DATA_DIR="$CACHE_DIR/data"
LOG_DIR="$CACHE_DIR/logs"
CONF_DIR="$CACHE_DIR/config"
PID_FILE="$CACHE_DIR/kafka.pid"
SERVER_PROPS="$CONF_DIR/server.properties"
LOG4J_CONF="$CONF_DIR/log4j2.properties"
STDOUT_LOG="$LOG_DIR/kafka.out"

PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="$((PORT + 1))"
NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-6}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
READY_TIMEOUT_MS="${KAFKA_READY_TIMEOUT_MS:-60000}"
STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-30}"
MVN="${MVN:-mvn}"
if [[ -n "${JAVA:-}" ]]; then :
elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"
else JAVA=java; fi

log() { echo "[kafka] $*" >&2; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1
}

# Fingerprint of what the libs folder must contain: the pom's content (covers version bumps).
pom_fingerprint() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$POM" | cut -d' ' -f1
  else shasum -a 256 "$POM" | cut -d' ' -f1; fi
}

libs_ok() {
  [[ -f "$LIBS_DIR/.fingerprint" ]] &&
    [[ "$(cat "$LIBS_DIR/.fingerprint")" == "$(pom_fingerprint)" ]] &&
    compgen -G "$LIBS_DIR/kafka_2.13-$(kafka_version).jar" >/dev/null
}

cmd_fetch() {
  local version; version="$(kafka_version)"
  [[ -n "$version" ]] || die "cannot read <kafka.version> from $POM"
  if libs_ok; then
    log "jars for Kafka $version already in $LIBS_DIR"
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "maven ('$MVN') not found on PATH"
  local pid
  if [[ -d "$LIBS_DIR" ]] && pid="$(running_pid)"; then
    die "the broker (pid $pid) runs from $LIBS_DIR, which must be replaced; run '$0 stop' first"
  fi
  mkdir -p "$CACHE_DIR"
  # Copy into a temp folder, then swap it in: an interrupted fetch never leaves a half libs/.
  local tmp="$CACHE_DIR/libs.tmp"
  rm -rf "$tmp"
  log "fetching Kafka $version jars from Maven Central (local repo: ${MAVEN_REPO_LOCAL:-~/.m2/repository})"
  local -a mvn_args=(-B -q -f "$POM" dependency:copy-dependencies
    -DincludeScope=runtime -DoutputDirectory="$tmp")
  [[ -n "${MAVEN_REPO_LOCAL:-}" ]] && mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
  # (Debian's maven 3.8 prints stray colour resets even in batch mode: strip them)
  if ! "$MVN" "${mvn_args[@]}" 2>&1 </dev/null | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "maven could not resolve org.apache.kafka:kafka_2.13:$version (see output above)"
  fi
  [[ -f "$tmp/kafka_2.13-$version.jar" ]] || { rm -rf "$tmp"; die "kafka_2.13-$version.jar missing after fetch"; }
  pom_fingerprint >"$tmp/.fingerprint"
  echo "$version" >"$tmp/.kafka-version"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars into $LIBS_DIR"
}

# --- process helpers ---------------------------------------------------------------------------

# Is $1 a live process that is *our* broker (guards against a recycled pid)?
is_our_broker() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local cmdline
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  else
    cmdline="$(ps -o args= -p "$pid" 2>/dev/null || true)"
  fi
  [[ "$cmdline" == *"kafka.Kafka"* && "$cmdline" == *"$SERVER_PROPS"* ]]
}

# Pid of our running broker, or nothing. Falls back to scanning /proc for a java process started
# with *this* cache's server.properties, in case the pid file was lost.
running_pid() {
  local pid=""
  if [[ -f "$PID_FILE" ]]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if is_our_broker "$pid"; then echo "$pid"; return 0; fi
  fi
  local p
  for p in $(ps -eo pid=,args= 2>/dev/null | awk '/kafka\.Kafka/ { print $1 }'); do
    if is_our_broker "$p"; then echo "$p"; return 0; fi
  done
  return 1
}

answers() { # $1 = timeout ms
  node "$SCRIPT_DIR/wait-ready.js" --brokers "127.0.0.1:$PORT" --timeout "$1" --quiet
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_config() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR"
  cat >"$SERVER_PROPS" <<EOF
# Generated by infra/kafka/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=$NUM_PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=$NUM_PARTITIONS
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=$NUM_PARTITIONS
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
log.segment.bytes=67108864
EOF
  cat >"$LOG4J_CONF" <<EOF
# Generated by infra/kafka/kafka.sh
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $LOG_DIR/server.log
appender.file.filePattern = $LOG_DIR/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
logger.reqlog.name = kafka.request.logger
logger.reqlog.level = WARN
EOF
}

classpath() { echo "$LIBS_DIR/*"; }

format_storage() {
  local version; version="$(kafka_version)"
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    local formatted_with=""
    [[ -f "$CACHE_DIR/data.kafka-version" ]] && formatted_with="$(cat "$CACHE_DIR/data.kafka-version")"
    if [[ -n "$formatted_with" && "$formatted_with" != "$version" ]] &&
      [[ "$(printf '%s\n%s\n' "$formatted_with" "$version" | sort -V | head -n1)" != "$formatted_with" ]]; then
      die "data in $DATA_DIR was formatted by Kafka $formatted_with, newer than $version; run '$0 reset'"
    fi
    return 0
  fi
  local cluster_id
  # same shape as 'kafka-storage random-uuid' (16 random bytes, base64url, not starting with '-'),
  # without paying for a JVM start
  cluster_id="$(node -e "let id;do{id=require('crypto').randomBytes(16).toString('base64url')}while(id[0]==='-');console.log(id)")"
  log "formatting KRaft storage in $DATA_DIR (cluster id $cluster_id)"
  "$JAVA" -Dlog4j2.configurationFile="$LOG4J_CONF" -cp "$(classpath)" kafka.tools.StorageTool format \
    --config "$SERVER_PROPS" --cluster-id "$cluster_id" --ignore-formatted >>"$LOG_DIR/format.log" 2>&1 ||
    { tail -n 30 "$LOG_DIR/format.log" >&2; die "storage format failed"; }
  echo "$version" >"$CACHE_DIR/data.kafka-version"
}

# Kill pid $1: SIGTERM, wait up to $2 seconds, then SIGKILL.
kill_gracefully() {
  local pid="$1" timeout_s="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout_s * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "broker (pid $pid) still alive after ${timeout_s}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

STARTING_PID=""
WAITER_PID=""
abort_start() {
  if [[ -n "$WAITER_PID" ]]; then kill -TERM "$WAITER_PID" 2>/dev/null || true; fi
  if [[ -n "$STARTING_PID" ]]; then
    log "start aborted, stopping broker pid $STARTING_PID"
    kill_gracefully "$STARTING_PID" 5
    rm -f "$PID_FILE"
  fi
}

cmd_start() {
  command -v node >/dev/null 2>&1 || die "node not found on PATH"
  local pid
  if pid="$(running_pid)"; then
    echo "$pid" >"$PID_FILE"
    if answers 1500; then
      log "already running (pid $pid) on 127.0.0.1:$PORT"
      return 0
    fi
    log "broker pid $pid is running but not answering yet; waiting"
    if node "$SCRIPT_DIR/wait-ready.js" --brokers "127.0.0.1:$PORT" --timeout "$READY_TIMEOUT_MS" \
      --log "$LOG_DIR/server.log"; then
      return 0
    fi
    die "broker pid $pid does not answer; try '$0 restart'"
  fi
  rm -f "$PID_FILE"
  if port_in_use "$PORT"; then
    if answers 1500; then
      log "a Kafka broker not started by this script already answers on 127.0.0.1:$PORT; leaving it alone"
      return 0
    fi
    die "port $PORT is in use by something that is not a Kafka broker"
  fi
  port_in_use "$CONTROLLER_PORT" && die "controller port $CONTROLLER_PORT is already in use"

  cmd_fetch
  "$JAVA" -version >/dev/null 2>&1 || die "java not found (set JAVA_HOME); Kafka 4 needs Java 17+"
  write_config
  format_storage

  log "starting Kafka $(kafka_version) on 127.0.0.1:$PORT (controller $CONTROLLER_PORT), logs in $LOG_DIR"
  # keep one previous run's log, so that a failure shows this run's lines only
  [[ -f "$LOG_DIR/server.log" ]] && mv -f "$LOG_DIR/server.log" "$LOG_DIR/server.prev.log"
  trap abort_start EXIT
  trap 'exit 130' INT TERM
  # setsid: own session, so the broker survives the caller's terminal / process group going away,
  # and is only ever stopped through its pid.
  # shellcheck disable=SC2086
  local detach=(); command -v setsid >/dev/null 2>&1 && detach=(setsid)
  ${detach[@]+"${detach[@]}"} "$JAVA" -server $HEAP_OPTS \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONF" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$(classpath)" kafka.Kafka "$SERVER_PROPS" \
    </dev/null >"$STDOUT_LOG" 2>&1 9>&- &
  STARTING_PID=$!
  echo "$STARTING_PID" >"$PID_FILE"

  # wait-ready runs in the background so that a signal to this script is handled at once
  node "$SCRIPT_DIR/wait-ready.js" --brokers "127.0.0.1:$PORT" --timeout "$READY_TIMEOUT_MS" \
    --warm --pid "$STARTING_PID" --log "$LOG_DIR/server.log" --log "$STDOUT_LOG" &
  WAITER_PID=$!
  if ! wait "$WAITER_PID"; then
    WAITER_PID=""
    die "broker did not become ready on 127.0.0.1:$PORT" # the EXIT trap stops it
  fi
  WAITER_PID=""
  STARTING_PID=""
  trap - EXIT INT TERM
  log "ready (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill_gracefully "$pid" "$STOP_TIMEOUT_S"
  if kill -0 "$pid" 2>/dev/null; then die "could not stop broker pid $pid"; fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if answers 3000; then
      echo "running (pid $pid), answering on 127.0.0.1:$PORT, Kafka $(kafka_version)"
      return 0
    fi
    echo "running (pid $pid) but NOT answering on 127.0.0.1:$PORT"
    return 1
  fi
  echo "stopped"
  return 3
}

cmd_reset() {
  cmd_stop
  log "wiping $DATA_DIR and $LOG_DIR"
  rm -rf "$DATA_DIR" "$LOG_DIR" "$CONF_DIR" "$CACHE_DIR/data.kafka-version"
}

# One kafka.sh at a time per cache dir (two test runs starting together must not both launch a
# broker). fd 9 is closed for the broker itself, so the lock is released when this script exits.
case "${1:-}" in
  fetch | start | stop | restart | reset)
    mkdir -p "$CACHE_DIR"
    if command -v flock >/dev/null 2>&1; then
      exec 9>"$CACHE_DIR/.lock"
      flock -w 180 9 || die "another kafka.sh is still running (lock $CACHE_DIR/.lock)"
    fi
    ;;
esac

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  reset) cmd_reset ;;
  *)
    echo "usage: $0 fetch|start|stop|status|restart|reset" >&2
    exit 2
    ;;
esac
