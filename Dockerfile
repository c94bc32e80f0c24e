# syntax=docker/dockerfile:1
# Build a static binary, then ship it alone on a minimal base as a non-root user.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/clockbot ./cmd/clockbot \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/clockbot /usr/local/bin/clockbot
COPY --from=build --chown=65532:65532 /out/data /data
ENV CLOCKBOT_DB=/data/clockbot.db
VOLUME ["/data"]
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/clockbot"]
CMD ["run"]
