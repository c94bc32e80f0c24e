// Command fakeclockify serves the fake Clockify of package clockifytest on a
// local address with a generated workspace, so clockbot can be tried from a
// shell without a Clockify account:
//
//	go run ./clockify/clockifytest/fakeclockify -addr 127.0.0.1:8089
//
// It prints the environment variables that point clockbot at it and serves
// until interrupted.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakeclockify:", err)
		os.Exit(1)
	}
}

// run starts the fake, prints how to use it and waits for ctx.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeclockify", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8089", "listen address (loopback)")
	users := fs.Int("users", 20, "generated users")
	entries := fs.Int("entries", 40, "entries per user and week, over last week and this week")
	latency := fs.Duration("latency", 0, "added latency per request")
	freePlan := fs.Bool("free-plan", false, "allow 30 requests an hour for the whole workspace, as a Free plan (429 with Retry-After past that)")
	noTimeOff := fs.Bool("no-time-off", false, "answer the holidays and time-off routes 403 \"Feature not enabled\", as a workspace without the paid Time off feature")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	opts := []clockifytest.Option{clockifytest.WithListener(ln), clockifytest.WithLatency(*latency)}
	if *freePlan {
		opts = append(opts, clockifytest.WithFreePlan())
	}
	if *noTimeOff {
		opts = append(opts, clockifytest.WithTimeOffDisabled())
	}
	srv := clockifytest.New(opts...)
	defer srv.Close()
	now := time.Now().UTC()
	monday := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -((int(now.Weekday()) + 6) % 7))
	srv.Generate(*users, *entries, monday.AddDate(0, 0, -7), 1)
	srv.Generate(*users, *entries/2, monday, 2)
	fmt.Fprintf(stdout, "export CLOCKIFY_API_KEY=%s\nexport CLOCKIFY_API_URL=%s\nexport CLOCKIFY_REPORTS_URL=%s\n", srv.APIKey, srv.APIURL, srv.ReportsURL)
	<-ctx.Done()
	return nil
}
