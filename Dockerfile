# Multi-stage build: compile with the Swift toolchain, run on a slim Debian with only what the
# binary links (libxml2) plus curl for the health check.
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libxml2-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product social-service --static-swift-stdlib \
 && mkdir -p /out \
 && cp "$(swift build -c release --show-bin-path)/social-service" /out/ \
 && cp -R "$(swift build -c release --show-bin-path)/social-service_FragmentService.resources" /out/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libxml2 ca-certificates tzdata curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app social
WORKDIR /app
COPY --from=build /out/ /app/
COPY Migrations /app/Migrations
USER social
ENV SOCIAL_HOST=0.0.0.0 SOCIAL_PORT=8080 SOCIAL_MIGRATIONS_DIR=/app/Migrations
EXPOSE 8080
ENTRYPOINT ["/app/social-service"]
CMD ["serve"]
