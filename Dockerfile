# The rules platform as one image: the API, serving the admin UI at /, run by plain node.
#   docker build -t township-rules .
#   docker run -p 3000:3000 -v rules-data:/data -e RULES_ADMIN_PASSWORD=… township-rules
# compose.yaml runs two of these on one PostgreSQL. tests/build/production.test.ts does what this
# file does (build, production install, the runtime stage's files and command) without Docker.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency; the server, CLI and migrations to dist/, the UI to admin-ui/dist/ ---
FROM ${NODE_IMAGE} AS build
# sqlite3 compiles from source when no prebuilt binary can be fetched
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies, the build and the data folders it reads; no TypeScript ---
FROM ${NODE_IMAGE}
# the printable record's PDF needs a Chinese font
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/package.json package.json
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/admin-ui/dist admin-ui/dist
COPY --from=build /app/bin bin
COPY --from=build /app/scripts scripts
COPY --from=build /app/schemas schemas
COPY --from=build /app/rules rules
COPY --from=build /app/docs docs
# the SQLite file (when no DATABASE_URL) and backups; the code stays read-only for the server
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
ENV NODE_ENV=production PORT=3000 RULES_DATA_DIR=/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# what `npm start` runs, without npm: SIGTERM reaches node, which drains and exits 0
CMD ["node", "--max-semi-space-size=32", "dist/api/main.js"]
