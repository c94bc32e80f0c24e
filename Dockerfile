# syntax=docker/dockerfile:1
# Build a static binary, then ship it alone on a minimal base as a non-root user.
# Image names are fully qualified so that Docker and Podman resolve them alike.
#
#   docker build --build-arg VERSION=v1.2.0 --build-arg REVISION=$(git rev-parse HEAD) -t clockbot .
#
# VERSION and REVISION end up in `clockbot version` and in the OCI labels; the
# build context has no .git (see .dockerignore), so the binary cannot read them
# from the repository itself.
FROM docker.io/library/golang:1.26-bookworm AS build
ARG VERSION=devel
ARG REVISION=
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags="-s -w -X main.version=${VERSION} -X main.revision=${REVISION}" \
      -o /out/clockbot ./cmd/clockbot \
 && /out/clockbot version \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=devel
ARG REVISION=
LABEL org.opencontainers.image.title="clockbot" \
      org.opencontainers.image.description="Slack bot for Clockify: /tt timers, the App Home tab and weekly reports of who logged fewer hours than their target" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://github.com/clockbot/clockbot" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=build /out/clockbot /usr/local/bin/clockbot
COPY --from=build --chown=65532:65532 /out/data /data
ENV CLOCKBOT_DB=/data/clockbot.db
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8080
# GET /readyz on HTTP_ADDR; no shell needed in the distroless image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m CMD ["/usr/local/bin/clockbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/clockbot"]
CMD ["run"]
