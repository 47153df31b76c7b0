# Readmark tracking server with the add-in built for one public origin (docs/DEPLOY.md). Build:
#   docker build -t readmark \
#     --build-arg READMARK_PUBLIC_URL=https://track.example.com \
#     --build-arg READMARK_ADDIN_CLIENT_ID=<add-in-client-id> \
#     --build-arg READMARK_API_SCOPE=api://<api-client-id>/access_as_user .
# Run on the host's loopback, behind the reverse proxy (docs/DEPLOY.md has the settings file and
# the proxy address to trust):
#   docker run -d -p 127.0.0.1:8080:8080 -v readmark-data:/var/lib/readmark \
#     --env-file /etc/readmark-docker.env readmark
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The add-in's manifest and pages contain these values. Without READMARK_PUBLIC_URL the add-in
# would be built for https://localhost:3000, so the build stops instead.
ARG READMARK_PUBLIC_URL
ARG READMARK_ADDIN_CLIENT_ID
ARG READMARK_API_SCOPE
RUN test -n "$READMARK_PUBLIC_URL" \
    || { echo 'Missing build argument READMARK_PUBLIC_URL: add --build-arg READMARK_PUBLIC_URL=https://<public origin>' >&2; exit 1; }
RUN READMARK_PUBLIC_URL="$READMARK_PUBLIC_URL" \
    READMARK_ADDIN_CLIENT_ID="$READMARK_ADDIN_CLIENT_ID" \
    READMARK_API_SCOPE="$READMARK_API_SCOPE" \
    npm run build \
    && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    READMARK_HOST=0.0.0.0 \
    READMARK_PORT=8080 \
    READMARK_DATABASE=/var/lib/readmark/readmark.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
RUN mkdir -p /var/lib/readmark && chown node:node /var/lib/readmark
USER node
VOLUME /var/lib/readmark
EXPOSE 8080
CMD ["node", "bin/readmark.js", "serve"]
