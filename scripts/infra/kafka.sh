#!/usr/bin/env bash
# Single-node Kafka 3.9 broker (KRaft) for development and tests, without Docker.
#
#   scripts/infra/kafka.sh start    fetch jars if missing, format storage once, start, wait until ready
#   scripts/infra/kafka.sh wait     wait until the broker on 127.0.0.1:9092 is ready (starts nothing)
#   scripts/infra/kafka.sh status   exit 0 if a broker listens on 127.0.0.1:9092, 3 if not
#   scripts/infra/kafka.sh stop     stop the broker this script started (SIGTERM, SIGKILL after 30 s)
#   scripts/infra/kafka.sh reset    stop it and wipe its data
#
# Broker: 127.0.0.1:9092 (PLAINTEXT), controller 127.0.0.1:9093. Everything lives in the cache dir,
# $RESPIRE_CACHE_DIR or else <repo>/.cache/kafka: lib/ (jars), config/, data/, logs/, kafka.pid.
# A broker already listening on 9092 is reused as it is. "Ready" = port open and a kafkajs
# create-topic/produce/consume round trip (scripts/infra/kafka-ready.mjs) succeeds; without
# node_modules/kafkajs only the port is checked.
# Env: KAFKA_START_TIMEOUT (s, default 90), KAFKA_HEAP_OPTS (default -Xmx512m -Xms512m).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
CACHE_DIR=${RESPIRE_CACHE_DIR:-$REPO_ROOT/.cache/kafka}
LIB_DIR=$CACHE_DIR/lib
CONF_DIR=$CACHE_DIR/config
DATA_DIR=$CACHE_DIR/data
LOG_DIR=$CACHE_DIR/logs
PID_FILE=$CACHE_DIR/kafka.pid
HOST=127.0.0.1
PORT=9092
CONTROLLER_PORT=9093
TIMEOUT=${KAFKA_START_TIMEOUT:-90}

log() { echo "kafka: $*" >&2; }
die() { log "error: $*"; exit 1; }

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

# Pid of the broker this script started, if it is still alive (and still that broker).
our_pid() {
  local pid
  [[ -f $PID_FILE ]] && pid=$(<"$PID_FILE") && [[ $pid =~ ^[0-9]+$ ]] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q kafka.Kafka && echo "$pid"
}

ensure_jars() {
  compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null && return 0
  command -v mvn >/dev/null || die "Maven (mvn) is needed once to download the Kafka jars: apt-get install maven"
  log "downloading Kafka jars into $LIB_DIR ..."
  local start=$SECONDS
  mkdir -p "$LOG_DIR"
  mvn -q -B -f "$SCRIPT_DIR/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB_DIR" >"$LOG_DIR/mvn.log" 2>&1 ||
    { cat "$LOG_DIR/mvn.log" >&2; rm -rf "$LIB_DIR"; die "jar download failed"; }
  log "jars downloaded in $((SECONDS - start)) s"
}

write_config() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR"
  cat >"$CONF_DIR/server.properties" <<EOF
# Written by scripts/infra/kafka.sh; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
EOF
  cat >"$CONF_DIR/log4j.properties" <<'EOF'
# Written by scripts/infra/kafka.sh; edits are overwritten.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
}

# Sets JAVA_CMD: the JVM command line shared by the storage tool and the broker.
set_java_cmd() {
  local heap
  read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xmx512m -Xms512m}"
  JAVA_CMD=(java "${heap[@]}" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$CONF_DIR/log4j.properties" "-Dkafka.logs.dir=$LOG_DIR" \
    -cp "$LIB_DIR/*")
}

format_storage() {
  [[ -f $DATA_DIR/meta.properties ]] && return 0
  # A cluster id is a base64url (no padding) of 16 random bytes; made here to save a JVM start.
  local cluster_id
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  log "formatting $DATA_DIR (cluster id $cluster_id)"
  "${JAVA_CMD[@]}" kafka.tools.StorageTool format -g -t "$cluster_id" -c "$CONF_DIR/server.properties" \
    >>"$LOG_DIR/format.log" 2>&1 || { tail -n 20 "$LOG_DIR/format.log" >&2; die "storage format failed"; }
}

# Wait until the port accepts connections, then until a client round trip works.
wait_ready() {
  local pid=${1:-} deadline=$((SECONDS + TIMEOUT))
  until port_open "$PORT"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOG_DIR/server.log" "$LOG_DIR/kafka.out" >&2 2>/dev/null || true
      die "broker exited during start-up (logs in $LOG_DIR)"
    fi
    ((SECONDS < deadline)) || die "nothing listens on $HOST:$PORT after ${TIMEOUT}s (logs in $LOG_DIR)"
    sleep 0.2
  done
  command -v node >/dev/null || { log "node not found: checked the port only"; return 0; }
  local rc=0
  node "$SCRIPT_DIR/kafka-ready.mjs" "$HOST:$PORT" "$((deadline - SECONDS))" || rc=$?
  case $rc in
    0) ;;
    3) log "kafkajs is not installed (npm ci): checked the port only" ;;
    *) die "broker on $HOST:$PORT accepts connections but the kafkajs round trip failed" ;;
  esac
}

start() {
  local pid start=$SECONDS
  if port_open "$PORT"; then
    if pid=$(our_pid); then log "already running (pid $pid)"; else log "reusing the broker already on $HOST:$PORT"; fi
    wait_ready
    log "ready on $HOST:$PORT"
    return 0
  fi
  command -v java >/dev/null || die "java is not installed (Java 17: apt-get install openjdk-17-jre-headless)"
  port_open "$CONTROLLER_PORT" && die "port $CONTROLLER_PORT (controller) is taken by another process"
  ensure_jars
  write_config
  set_java_cmd
  format_storage
  rm -f "$PID_FILE"
  # setsid + nohup: the broker outlives this shell and its process group.
  nohup setsid "${JAVA_CMD[@]}" kafka.Kafka "$CONF_DIR/server.properties" >>"$LOG_DIR/kafka.out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started broker (pid $pid), waiting for $HOST:$PORT ..."
  wait_ready "$pid"
  log "ready on $HOST:$PORT after $((SECONDS - start)) s"
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"
    if port_open "$PORT"; then log "the broker on $HOST:$PORT was not started by this script: left running"
    else log "not running"; fi
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after 30 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

status() {
  local pid
  if port_open "$PORT"; then
    if pid=$(our_pid); then echo "kafka: running on $HOST:$PORT (pid $pid)"
    else echo "kafka: a broker not started by this script listens on $HOST:$PORT"; fi
    return 0
  fi
  if pid=$(our_pid); then echo "kafka: starting or unhealthy (pid $pid), $HOST:$PORT not open"
  else echo "kafka: not running"; fi
  return 3
}

reset() {
  stop
  rm -rf "$DATA_DIR"
  log "wiped $DATA_DIR"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  wait) wait_ready ;;
  reset) reset ;;
  *) echo "usage: $0 start|stop|status|wait|reset" >&2; exit 2 ;;
esac
