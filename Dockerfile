# Readmark tracking server. Build: docker build -t readmark .
# Run:   docker run -p 8080:8080 -v readmark-data:/var/lib/readmark --env-file readmark.env readmark
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

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
