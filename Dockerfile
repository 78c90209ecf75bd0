# syntax=docker/dockerfile:1
# One image for every service; APP picks which one runs (web, catalog, registration, notifications,
# reporting, identity) and ROLE which parts of it (http, consumer, worker, relay), or `migrate`: migrate the
# service's database (DATABASE_MIGRATION_URL) and exit, as the Kubernetes Jobs and compose do.
#   docker build -t respire .
#   docker run -e APP=catalog -e JWT_SECRET=… -p 3001:3001 respire
#   docker run -e APP=catalog -e ROLE=migrate -e DATABASE_URL=… -e DATABASE_MIGRATION_URL=… -e JWT_SECRET=… respire

ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY apps ./apps
COPY scripts/build.mjs ./scripts/build.mjs
RUN node scripts/build.mjs && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node and reaps zombies (or run the image with `docker run --init`).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning \
    APP=catalog
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# uid:gid 1000 is `node` in the node images. Numeric, so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000 3001 3002 3003 3004 3005 8080
# The process answers (not its dependencies: that is /health/ready's job, and a restart would not
# fix them). The port is PORT, else the service's default. Kubernetes ignores this; it probes.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p = process.env.PORT || {web: 3000, catalog: 3001, registration: 3002, notifications: 3003, reporting: 3004, identity: 3005}[process.env.APP]; fetch('http://127.0.0.1:' + p + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# exec: node replaces the shell, so tini's SIGTERM reaches it and Fastify drains before exit.
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
