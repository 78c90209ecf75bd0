#!/usr/bin/env bash
# Everything the services and tests need, on one command:
#   PostgreSQL ($DATABASE_URL, else 127.0.0.1:5432) and Redis ($REDIS_URL, else 127.0.0.1:6379) must
#   be reachable; if they are installed here but stopped they are started. Then Kafka
#   (scripts/infra/kafka.sh start). Starts nothing else. scripts/infra/down.sh stops Kafka only.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { echo "up: $*" >&2; }

# "scheme://user:pass@host:port/db?x=y" -> "host port" (default port $2).
host_port() {
  local rest=${1#*://}
  rest=${rest%%[/?]*}
  rest=${rest##*@}
  local host=$rest port=$2
  if [[ $rest =~ ^\[(.*)\](:([0-9]+))?$ ]]; then
    host=${BASH_REMATCH[1]} port=${BASH_REMATCH[3]:-$2}
  elif [[ $rest == *:* ]]; then
    host=${rest%:*} port=${rest##*:}
  fi
  echo "${host:-127.0.0.1} $port"
}

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
is_local() { [[ $1 == 127.* || $1 == localhost || $1 == ::1 ]]; }

# Polls "$@" for up to 15 s.
wait_for() {
  for _ in $(seq 1 75); do "$@" && return 0; sleep 0.2; done
  return 1
}

pg_up() {
  if command -v pg_isready >/dev/null; then pg_isready -q -t 2 -h "$1" -p "$2"; else tcp_open "$1" "$2"; fi
}

redis_up() {
  if command -v redis-cli >/dev/null; then
    # NOAUTH still means a Redis server answers there.
    redis-cli -h "$1" -p "$2" ping 2>/dev/null | grep -qE 'PONG|NOAUTH'
  else
    tcp_open "$1" "$2"
  fi
}

missing=()

ensure_postgres() {
  local host port version
  read -r host port < <(host_port "${DATABASE_URL:-}" 5432)
  pg_up "$host" "$port" && { log "PostgreSQL is up on $host:$port"; return 0; }
  if ! is_local "$host"; then
    missing+=("PostgreSQL: nothing answers on $host:$port (DATABASE_URL), and it is not on this machine")
    return 0
  fi
  version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $version ]] || ! command -v pg_ctlcluster >/dev/null; then
    missing+=("PostgreSQL: nothing answers on $host:$port and it is not installed (apt-get install postgresql)")
    return 0
  fi
  log "starting PostgreSQL $version (cluster main)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for pg_up "$host" "$port" && { log "PostgreSQL is up on $host:$port"; return 0; }
  missing+=("PostgreSQL: cluster $version/main is started but nothing answers on $host:$port (port in /etc/postgresql/$version/main/postgresql.conf? log in /var/log/postgresql/)")
}

ensure_redis() {
  local host port
  read -r host port < <(host_port "${REDIS_URL:-}" 6379)
  redis_up "$host" "$port" && { log "Redis is up on $host:$port"; return 0; }
  if ! is_local "$host"; then
    missing+=("Redis: nothing answers on $host:$port (REDIS_URL), and it is not on this machine")
    return 0
  fi
  if ! command -v redis-server >/dev/null; then
    missing+=("Redis: nothing answers on $host:$port and it is not installed (apt-get install redis-server)")
    return 0
  fi
  log "starting Redis on port $port"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no >/dev/null || true
  wait_for redis_up "$host" "$port" && { log "Redis is up on $host:$port"; return 0; }
  missing+=("Redis: redis-server was started but nothing answers on $host:$port")
}

ensure_postgres
ensure_redis
if ((${#missing[@]})); then
  printf 'up: missing: %s\n' "${missing[@]}" >&2
  exit 1
fi
"$SCRIPT_DIR/kafka.sh" start
