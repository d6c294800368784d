# syntax=docker/dockerfile:1
# Stepwise, production image. Build: docker build -t stepwise .  (README: Deploy to Azure; docs/deployment.md)
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. build: compiles the TypeScript with every dependency (dev ones included).
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles its native module when no prebuilt binary can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# The project's npm (package.json allowScripts needs npm 11).
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

# 2. deps: the production dependencies alone, native modules built for this Node.
FROM ${NODE_IMAGE} AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. runtime: no compiler, no npm cache, no dev dependency, no source but the content; runs as `node`.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
# Owned by root and read-only to the app: it can write only its data folder.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY src/content ./src/content
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-old-space-size=1024", "--disable-warning=DEP0111", "dist/index.js"]
