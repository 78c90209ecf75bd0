#!/usr/bin/env bash
# Single-node Apache Kafka broker (KRaft) for development and tests, without Docker.
#
#   scripts/infra/kafka.sh start    fetch jars if missing, format storage once, start, wait until ready
#   scripts/infra/kafka.sh wait     wait until the broker is ready (starts nothing)
#   scripts/infra/kafka.sh status   exit 0 if a broker listens on the port, 3 if not
#   scripts/infra/kafka.sh stop     stop the broker this script started (SIGTERM, SIGKILL after 30 s)
#   scripts/infra/kafka.sh reset    stop it and wipe its data
#
# The version is <kafka.version> in scripts/infra/kafka/pom.xml. Where: the first entry of
# KAFKA_BROKERS (default 127.0.0.1:9092) is the client listener, KAFKA_CONTROLLER_PORT (default:
# that port + 1) the controller's. Everything lives in the cache dir, $RESPIRE_CACHE_DIR or else
# <repo>/.cache/kafka: lib/<version>/ (jars), config/, data/, data.release, logs/, kafka.pid.
#
# A broker already listening on the port is reused, unless this script started it from another
# Kafka version: then it is stopped and this version starts on the same data. KRaft storage
# formatted by an older Kafka (3.x included) is upgraded in place, then its features are
# finalized to this release (kafka-features upgrade --release-version), as Kafka's upgrade notes
# say; data.release records the release the data is finalized at. "Ready" = port open and a
# create-topic/produce/consume round trip with the project's client (scripts/infra/kafka-ready.ts);
# before `npm ci` only the port is checked.
# Env: KAFKA_START_TIMEOUT (s, default 90), KAFKA_HEAP_OPTS (default -Xmx512m -Xms512m).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
POM=$SCRIPT_DIR/kafka/pom.xml
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")
RELEASE=${KAFKA_VERSION%.*}
CACHE_DIR=${RESPIRE_CACHE_DIR:-$REPO_ROOT/.cache/kafka}
LIB_DIR=$CACHE_DIR/lib/$KAFKA_VERSION
CONF_DIR=$CACHE_DIR/config
DATA_DIR=$CACHE_DIR/data
DATA_RELEASE_FILE=$CACHE_DIR/data.release
LOG_DIR=$CACHE_DIR/logs
PID_FILE=$CACHE_DIR/kafka.pid
BROKER=${KAFKA_BROKERS:-127.0.0.1:9092}
BROKER=${BROKER%%,*}
HOST=${BROKER%:*}
PORT=${BROKER##*:}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}
TIMEOUT=${KAFKA_START_TIMEOUT:-90}

log() { echo "kafka: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -n $KAFKA_VERSION ]] || die "no <kafka.version> in $POM"
[[ $PORT =~ ^[0-9]+$ && $CONTROLLER_PORT =~ ^[0-9]+$ ]] || die "bad port in KAFKA_BROKERS=$BROKER / KAFKA_CONTROLLER_PORT"

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

# Pid of the broker this script started, if it is still alive (and still that broker).
our_pid() {
  local pid
  [[ -f $PID_FILE ]] && pid=$(<"$PID_FILE") && [[ $pid =~ ^[0-9]+$ ]] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q kafka.Kafka && echo "$pid"
}

# Kafka version of a running broker, read from the kafka_2.13-<version>.jar on its classpath.
version_of() {
  local classpath jar
  classpath=$(tr '\0' '\n' <"/proc/$1/cmdline" | grep -A1 -x -- -cp | tail -n 1)
  jar=$(compgen -G "${classpath%\*}kafka_2.13-*.jar" | head -n 1) || return 1
  jar=${jar##*/kafka_2.13-}
  echo "${jar%.jar}"
}

# Resolves the jars again whenever pom.xml changed since they were resolved.
ensure_jars() {
  local stamp=$LIB_DIR/.pom.sha256 pom_sum
  pom_sum=$(sha256sum <"$POM")
  [[ -f $stamp && $(<"$stamp") == "$pom_sum" ]] && return 0
  command -v mvn >/dev/null || die "Maven (mvn) is needed once to download the Kafka jars: apt-get install maven"
  log "downloading Kafka $KAFKA_VERSION jars into $LIB_DIR ..."
  local start=$SECONDS
  rm -rf "$LIB_DIR"
  mkdir -p "$LOG_DIR"
  mvn -q -B -f "$POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB_DIR" >"$LOG_DIR/mvn.log" 2>&1 ||
    { cat "$LOG_DIR/mvn.log" >&2; rm -rf "$LIB_DIR"; die "jar download failed"; }
  echo "$pom_sum" >"$stamp"
  log "jars downloaded in $((SECONDS - start)) s"
  # Jars of other versions, and those of the unversioned lib/ earlier scripts used, serve no broker now.
  find "$CACHE_DIR/lib" -mindepth 1 -maxdepth 1 ! -name "$KAFKA_VERSION" -exec rm -rf {} +
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
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  # Kafka 4 logs with log4j2 (Kafka 3 read log4j 1.x properties).
  cat >"$CONF_DIR/log4j2.properties" <<'EOF'
# Written by scripts/infra/kafka.sh; edits are overwritten.
appender.file.type=RollingFile
appender.file.name=file
appender.file.fileName=${sys:kafka.logs.dir}/server.log
appender.file.filePattern=${sys:kafka.logs.dir}/server.log.%i
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
appender.file.policies.type=Policies
appender.file.policies.size.type=SizeBasedTriggeringPolicy
appender.file.policies.size.size=20MB
appender.file.strategy.type=DefaultRolloverStrategy
appender.file.strategy.max=2
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
logger.requests.name=kafka.request.logger
logger.requests.level=WARN
logger.clients.name=org.apache.kafka.clients
logger.clients.level=WARN
EOF
}

# Sets JAVA_CMD: the JVM command line shared by the storage tool and the broker.
set_java_cmd() {
  local heap
  read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xmx512m -Xms512m}"
  JAVA_CMD=(java "${heap[@]}" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$CONF_DIR/log4j2.properties" "-Dkafka.logs.dir=$LOG_DIR" \
    -cp "$LIB_DIR/*")
}

format_storage() {
  # Storage formatted by an older Kafka (3.x included) is upgraded in place by the broker.
  [[ -f $DATA_DIR/meta.properties ]] && return 0
  # A cluster id is a base64url (no padding) of 16 random bytes; made here to save a JVM start.
  local cluster_id
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  log "formatting $DATA_DIR (cluster id $cluster_id)"
  "${JAVA_CMD[@]}" kafka.tools.StorageTool format -g -t "$cluster_id" -c "$CONF_DIR/server.properties" \
    >>"$LOG_DIR/format.log" 2>&1 || { tail -n 20 "$LOG_DIR/format.log" >&2; die "storage format failed"; }
  echo "$RELEASE" >"$DATA_RELEASE_FILE"
}

# Once the broker runs: raises the features (metadata.version…) of storage an older release made.
finalize_features() {
  [[ $(cat "$DATA_RELEASE_FILE" 2>/dev/null) == "$RELEASE" ]] && return 0
  log "finalizing the upgrade: $DATA_DIR to Kafka $RELEASE features"
  java "-Dlog4j2.configurationFile=$CONF_DIR/log4j2.properties" "-Dkafka.logs.dir=$LOG_DIR" -cp "$LIB_DIR/*" \
    org.apache.kafka.tools.FeatureCommand --bootstrap-server "$HOST:$PORT" upgrade --release-version "$RELEASE" \
    >>"$LOG_DIR/features.log" 2>&1 || { tail -n 20 "$LOG_DIR/features.log" >&2; die "feature upgrade failed"; }
  echo "$RELEASE" >"$DATA_RELEASE_FILE"
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
  if [[ ! -d $REPO_ROOT/node_modules/@swc-node/register ]]; then
    log "node_modules missing (npm ci): checked the port only"
    return 0
  fi
  # The project's Node (the "node" devDependency) when installed, as npm scripts would run.
  local node=$REPO_ROOT/node_modules/.bin/node
  [[ -x $node ]] || node=node
  (cd "$REPO_ROOT" && "$node" -r @swc-node/register scripts/infra/kafka-ready.ts "$HOST:$PORT" "$((deadline - SECONDS))") ||
    die "broker on $HOST:$PORT accepts connections but the client round trip failed"
}

start() {
  local pid running start=$SECONDS
  # Even for a broker reused from elsewhere: the partitioner test and the fault tests' private
  # brokers run this checkout's jars.
  ensure_jars
  if port_open "$PORT"; then
    if ! pid=$(our_pid); then
      log "reusing the broker already on $HOST:$PORT (not started by this script)"
      wait_ready
      log "ready on $HOST:$PORT"
      return 0
    fi
    running=$(version_of "$pid" || echo unknown)
    if [[ $running == "$KAFKA_VERSION" ]]; then
      log "Kafka $running already running (pid $pid)"
      wait_ready
      finalize_features
      log "ready on $HOST:$PORT"
      return 0
    fi
    log "Kafka $running is running here (pid $pid): replacing it with Kafka $KAFKA_VERSION"
    stop
  fi
  [[ $HOST == 127.* || $HOST == localhost ]] || die "nothing listens on $HOST:$PORT, and it is not on this machine"
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
  log "started Kafka $KAFKA_VERSION (pid $pid), waiting for $HOST:$PORT ..."
  wait_ready "$pid"
  finalize_features
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
    if pid=$(our_pid); then echo "kafka: Kafka $(version_of "$pid" || echo '?') running on $HOST:$PORT (pid $pid)"
    else echo "kafka: a broker not started by this script listens on $HOST:$PORT"; fi
    return 0
  fi
  if pid=$(our_pid); then echo "kafka: starting or unhealthy (pid $pid), $HOST:$PORT not open"
  else echo "kafka: not running"; fi
  return 3
}

reset() {
  stop
  rm -rf "$DATA_DIR" "$DATA_RELEASE_FILE"
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
