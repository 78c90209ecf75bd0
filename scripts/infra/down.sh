#!/usr/bin/env bash
# Stops what scripts/infra/up.sh started for the project: Kafka only. The machine's PostgreSQL
# and Redis are left running on purpose.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/kafka.sh" stop
