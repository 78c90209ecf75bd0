#!/usr/bin/env bash
# `npm start`: the whole system on this machine, with demo data.
#   infrastructure (PostgreSQL, Redis, Kafka) → a local SMTP server that keeps what it receives →
#   each service's database migrated → the four services (HTTP, consumer, relay, worker in one
#   process each) and the web app → demo data → URLs, the public programme first. Ctrl-C stops the services (Kafka keeps running; npm run
#   infra:down stops it). Logs: .run/logs/<service>.log
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN_DIR="$ROOT/.run"
mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"

export NODE_ENV=${NODE_ENV:-development}
export JWT_SECRET=${JWT_SECRET:-respire-development-secret-change-me-in-production}
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export SMTP_URL=${SMTP_URL:-smtp://127.0.0.1:1025}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:3000}
# The web app forwards each visitor's address; the services count their rate limits by it.
export TRUST_PROXY=${TRUST_PROXY:-true}
PG=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432}
APP_ROLE=${APP_ROLE:-respire_app}
SERVICES=(catalog registration notifications reporting)
declare -A PORTS=([catalog]=3001 [registration]=3002 [notifications]=3003 [reporting]=3004)

log() { printf '\033[1mstart:\033[0m %s\n' "$*"; }

bash scripts/infra/up.sh

bash scripts/stop.sh --quiet || true

if [ -f scripts/mail-server.ts ]; then
  log "SMTP server on 127.0.0.1:1025 (mail viewer http://127.0.0.1:1080)"
  nohup node -r @swc-node/register scripts/mail-server.ts >"$RUN_DIR/logs/mail.log" 2>&1 &
  echo $! >"$RUN_DIR/pids/mail.pid"
fi

log "building the web app and the services"
node scripts/build.mjs >"$RUN_DIR/logs/build.log" 2>&1 || { cat "$RUN_DIR/logs/build.log"; exit 1; }

for svc in "${SERVICES[@]}"; do
  upper=${svc^^}
  db="respire_${svc}"
  node -r @swc-node/register -e "require('./libs/tenancy/src').ensureDatabase('$PG/postgres', '$db').then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })"
  export "${upper}_DATABASE_URL=postgres://${APP_ROLE}@127.0.0.1:5432/${db}"
  export "${upper}_DATABASE_MIGRATION_URL=$PG/${db}"
  log "migrating $db"
  ROLE=migrate node "dist/apps/$svc/main.js" >>"$RUN_DIR/logs/$svc.log" 2>&1 || { tail -20 "$RUN_DIR/logs/$svc.log"; exit 1; }
done

for svc in "${SERVICES[@]}"; do
  PORT=${PORTS[$svc]} ROLE=http,consumer,relay,worker nohup node "dist/apps/$svc/main.js" >>"$RUN_DIR/logs/$svc.log" 2>&1 &
  echo $! >"$RUN_DIR/pids/$svc.pid"
done

PORT=3000 nohup node dist/apps/web/main.js >>"$RUN_DIR/logs/web.log" 2>&1 &
echo $! >"$RUN_DIR/pids/web.pid"
PORTS[web]=3000

for svc in "${SERVICES[@]}" web; do
  url="http://127.0.0.1:${PORTS[$svc]}/health/ready"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$RUN_DIR/pids/$svc.pid")" 2>/dev/null; then
      log "$svc exited; last log lines:"; tail -30 "$RUN_DIR/logs/$svc.log"; exit 1
    fi
    sleep 0.5
  done
  curl -fsS "$url" >/dev/null || { log "$svc is not ready: $(curl -s "$url")"; exit 1; }
done

if [ -f scripts/seed-demo.ts ]; then
  log "demo data"
  node -r @swc-node/register scripts/seed-demo.ts
fi

cat <<EOT

Respire is running.
  public programme  http://127.0.0.1:3000/capacites-besancon
  catalog        http://127.0.0.1:3001/docs
  registration   http://127.0.0.1:3002/docs
  notifications  http://127.0.0.1:3003/docs
  reporting      http://127.0.0.1:3004/docs
  programme (JSON)  http://127.0.0.1:3000/v1/public/tenants/capacites-besancon/sessions
  mail received     http://127.0.0.1:1080
  a token:          npm run token -- --tenant capacites-besancon --role coordinator
Logs in .run/logs/. Ctrl-C stops the services.
EOT

trap 'bash scripts/stop.sh; exit 0' INT TERM
wait
