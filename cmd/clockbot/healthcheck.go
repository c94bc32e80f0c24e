package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/clockbot/clockbot/bot/httpserver"
)

// healthcheckTimeout bounds `clockbot healthcheck`.
const healthcheckTimeout = 5 * time.Second

// runHealthcheck is `clockbot healthcheck`: exit 0 when GET /readyz on
// HTTP_ADDR answers 200, 1 otherwise (with the reason on stderr). It reads
// only HTTP_ADDR, so it works with any configuration.
func runHealthcheck(ctx context.Context, args []string, stdout, _ io.Writer) error {
	if len(args) > 0 {
		return &usageError{msg: "healthcheck: unexpected argument " + args[0]}
	}
	addr, ok := os.LookupEnv("HTTP_ADDR")
	if !ok {
		addr = httpserver.DefaultAddr
	}
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	if err := httpserver.Healthcheck(ctx, &http.Client{Timeout: healthcheckTimeout}, addr); err != nil {
		return err
	}
	_, err := io.WriteString(stdout, "ready\n")
	return err
}
