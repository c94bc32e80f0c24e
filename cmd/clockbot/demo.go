package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/clockbot/clockbot/internal/demo"
)

// demoFlags are the flags of `clockbot demo`.
type demoFlags struct {
	once bool
	addr string
}

// parseDemoFlags parses demo's flags; the address defaults to DEMO_ADDR,
// else 127.0.0.1:8090.
func parseDemoFlags(args []string, out io.Writer) (demoFlags, error) {
	var f demoFlags
	addr := os.Getenv("DEMO_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8090"
	}
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.BoolVar(&f.once, "once", false, "run the scripted week, print the report, the messages and sample /tt answers, and exit")
	fs.StringVar(&f.addr, "addr", addr, "address of the demo page (DEMO_ADDR)")
	if err := fs.Parse(args); err != nil {
		return f, &usageError{msg: "demo: " + err.Error()}
	}
	if fs.NArg() > 0 {
		return f, &usageError{msg: fmt.Sprintf("demo: unexpected argument %q", fs.Arg(0))}
	}
	return f, nil
}

// demoSession is a running demo: the fakes, the bot and a client acting
// for the demo's people.
type demoSession struct {
	fakes  *demo.Fakes
	client *demo.Client
	env    map[string]string
	dir    string
	cancel context.CancelFunc
	done   <-chan error
}

// startDemo starts the fakes with the demo team and the bot on a fresh
// database, and waits until the bot has sent last week's report and
// listens on Socket Mode.
func startDemo(ctx context.Context, setenv func(k, v string) error, stderr io.Writer) (*demoSession, error) {
	now := time.Now()
	dir, err := os.MkdirTemp("", "clockbot-demo-")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	s := &demoSession{fakes: demo.StartFakes(now), dir: dir}
	db := filepath.Join(dir, "clockbot.db")
	if err := prepareDemoDB(db, now); err != nil {
		s.stop()
		return nil, err
	}
	s.env = s.fakes.Env(now, db)
	s.client = demo.NewClient(s.fakes)
	bctx, cancel := context.WithCancel(ctx)
	s.cancel = cancel
	s.done, err = startDemoBot(bctx, s.env, setenv, stderr)
	if err != nil {
		s.stop()
		return nil, err
	}
	wctx, wcancel := context.WithTimeout(ctx, 2*time.Minute)
	defer wcancel()
	ready := make(chan error, 1)
	go func() { ready <- demo.WaitReport(wctx, s.fakes) }()
	select {
	case err = <-ready:
	case err = <-s.done:
		if err == nil {
			err = errors.New("the bot stopped")
		}
		s.done = nil
	}
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("demo: waiting for the bot's weekly report: %w", err)
	}
	return s, nil
}

// stopBot stops the bot and returns what it returned.
func (s *demoSession) stopBot() error {
	var err error
	if s.cancel != nil {
		s.cancel()
	}
	if s.done != nil {
		err = <-s.done
		s.done = nil
	}
	return err
}

// stop stops the bot and the fakes, and removes the database.
func (s *demoSession) stop() error {
	err := s.stopBot()
	s.fakes.Close()
	os.RemoveAll(s.dir)
	return err
}

// runDemo is `clockbot demo`.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseDemoFlags(args, stderr)
	if err != nil {
		return err
	}
	var ln net.Listener
	if !f.once {
		// Listen first, so that a taken port fails before anything starts.
		if ln, err = net.Listen("tcp", f.addr); err != nil {
			return &ConfigError{Var: "DEMO_ADDR", Reason: fmt.Sprintf("cannot listen on %s: %v", f.addr, err)}
		}
		defer ln.Close()
	}
	fmt.Fprintln(stderr, "clockbot demo: starting a fake Clockify, a fake Slack and the bot, offline…")
	s, err := startDemo(ctx, os.Setenv, stderr)
	if err != nil {
		return err
	}
	if f.once {
		return runDemoOnce(ctx, s, stdout, stderr)
	}
	defer s.stop()
	page := demo.NewPage(s.fakes, s.client, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	srv := &http.Server{Handler: page, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "clockbot demo is running: open http://%s/ in your browser (Ctrl-C stops it)\n", ln.Addr())
	fmt.Fprintln(stdout, "Pick who you are (Ada is the admin and a manager, Grace a manager), type /tt status or /tt week,\n"+
		"open the Home tab, and press the buttons of last week's group messages.")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("demo page: %w", err)
	case err := <-s.done:
		s.done = nil
		return fmt.Errorf("demo: the bot stopped: %v", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return nil
}
