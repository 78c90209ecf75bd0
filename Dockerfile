# syntax=docker/dockerfile:1
# One image for every service; APP picks which one runs (catalog, registration, notifications,
# reporting) and ROLE which parts of it (http, consumer, worker, relay).
#   docker build -t respire .
#   docker run -e APP=catalog -e JWT_SECRET=… -p 3001:3001 respire

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
USER node
EXPOSE 3001 3002 3003 3004
ENTRYPOINT ["/usr/bin/tini", "--"]
# exec: node replaces the shell, so tini's SIGTERM reaches it and Fastify drains before exit.
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
