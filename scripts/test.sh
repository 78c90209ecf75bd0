#!/usr/bin/env bash
# The README's test command: type-check, lint, contract check, unit tests, then integration and
# end-to-end tests on real infrastructure (started or reused by scripts/infra/up.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "infrastructure"
bash scripts/infra/up.sh
bash scripts/infra/chromium.sh

step "back office: typed API client generated from the OpenAPI documents (docs/openapi)"
node scripts/backoffice-api.mjs

step "type-check (the back office against that client)"
tsc -p tsconfig.json --noEmit
tsc -p apps/backoffice/tsconfig.json

step "lint"
eslint --max-warnings 0 .

step "format (prettier, .prettierrc; generated files are listed in .prettierignore)"
prettier --check . > /dev/null || { prettier --list-different .; echo "run: npm run format"; exit 1; }

step "AsyncAPI document is current"
node -r @swc-node/register scripts/asyncapi.ts --check

step "Typed SQL's table types are what the migrations give"
node -r @swc-node/register scripts/db-types.ts --check

step "Ingress is what the route table generates"
node -r @swc-node/register scripts/ingress.ts --check

step "Kubernetes manifests and docker-compose.yml"
npm run -s validate:manifests

step "unit tests"
jest -c jest.unit.config.js "$@"

step "back office unit tests (Vitest)"
vitest run --root apps/backoffice

step "build: every service's bundle and the back office (what npm start and the images run; tests/deploy boots them)"
node scripts/build.mjs

step "integration and end-to-end tests"
jest -c jest.int.config.js "$@"
