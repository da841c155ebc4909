# Build stage: compile TypeScript and bundle the admin panel's React components (admin-bundle/).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY samples ./samples
RUN npm run build && npm prune --omit=dev

# Run stage: the compiled app and production dependencies only, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# `node bin/wiredesk.js <command>` (the CLI); without sources it runs the shipped build as it is.
COPY --from=build /app/bin ./bin
COPY --from=build /app/scripts ./scripts
# The panel serves the build-time bundle; AdminJS's component loader still checks that the sources exist.
COPY --from=build /app/admin-bundle ./admin-bundle
COPY --from=build /app/src/admin/components ./src/admin/components
COPY --from=build /app/samples ./samples
COPY package.json ./
# DATA_DIR holds upload staging files (and, without DATABASE_URL, the embedded database): writable by the app's user.
ENV DATA_DIR=/var/lib/wiredesk
RUN mkdir -p /var/lib/wiredesk && chown node:node /var/lib/wiredesk
USER node
EXPOSE 3000
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
