#!/usr/bin/env bash
# Stops what `npm start` started (services and the mail server), gracefully (SIGTERM).
set -uo pipefail
cd "$(dirname "$0")/.."
quiet=${1:-}
for pidfile in .run/pids/*.pid; do
  [ -e "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    [ -n "$quiet" ] || echo "stopping $(basename "$pidfile" .pid) ($pid)"
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
done
