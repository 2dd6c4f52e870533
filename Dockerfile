# herd's production image: `docker build -t herd .`. The same image runs every role: HERD_ROLE
# (api, worker) picks one, and `node dist/src/cli/migrate.js` is the release step.
ARG NODE_IMAGE=node:20-bookworm-slim

# Compiles TypeScript with the dev dependencies; nothing of this stage but dist/ is kept.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY clients/typescript/src ./clients/typescript/src
COPY migrations ./migrations
COPY src ./src
COPY ui ./ui
RUN npx nest build && npx vite build --config ui/vite.config.ts

# Only the runtime dependencies, from the same lockfile.
FROM ${NODE_IMAGE} AS runtime-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 HERD_WORKER_HTTP_PORT=8081 HERD_WORKER_HTTP_HOST=0.0.0.0
WORKDIR /app
# Owned by root and not writable by the process: herd writes nothing to its own files.
COPY --from=runtime-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# A numeric user, so that a runtime enforcing runAsNonRoot can verify it without /etc/passwd.
USER 1000:1000
EXPOSE 8080 8081
# Liveness of whichever role runs: the API on PORT, a worker on its own ops port.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const port = process.env.HERD_ROLE === 'worker' ? process.env.HERD_WORKER_HTTP_PORT : process.env.PORT; fetch(`http://127.0.0.1:${port}/health`).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
