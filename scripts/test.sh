#!/usr/bin/env bash
# The README's test command: type-check, lint, contract check, unit tests, then integration and
# end-to-end tests on real infrastructure (started or reused by scripts/infra/up.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "infrastructure"
bash scripts/infra/up.sh
bash scripts/infra/chromium.sh

step "type-check"
tsc -p tsconfig.json --noEmit

step "lint"
eslint --max-warnings 0 .

step "AsyncAPI document is current"
node -r @swc-node/register scripts/asyncapi.ts --check

step "Ingress is what the route table generates"
node -r @swc-node/register scripts/ingress.ts --check

step "Kubernetes manifests and docker-compose.yml"
npm run -s validate:manifests

step "unit tests"
jest -c jest.unit.config.js "$@"

step "integration and end-to-end tests"
jest -c jest.int.config.js "$@"
