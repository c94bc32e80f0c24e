package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/clockbot/clockbot/internal/demo"
)

// demoSamples are the /tt commands `clockbot demo --once` shows, for two
// people: one under target, one with a running timer.
var demoSamples = []struct{ user, line string }{
	{"UEMI", "/tt status"}, {"UEMI", "/tt today"}, {"UEMI", "/tt week"},
	{"UIVAN", "/tt status"}, {"UIVAN", "/tt today"}, {"UIVAN", "/tt week"},
}

// runDemoOnce prints the scripted week of a started demo: the report
// table, each weekly message, the admins' digest and sample /tt answers.
// It stops the demo.
func runDemoOnce(ctx context.Context, s *demoSession, stdout, stderr io.Writer) error {
	var out bytes.Buffer
	weekly, digests := demo.ReportMessages(s.fakes)
	fmt.Fprintf(&out, "\n## The weekly messages (%d group messages: the person, their managers and the bot)\n", len(weekly))
	for _, m := range weekly {
		fmt.Fprintf(&out, "\n--- to %s\n%s", m.To, m.Text)
	}
	fmt.Fprintf(&out, "\n## The admins' digest\n")
	for _, m := range digests {
		fmt.Fprintf(&out, "\n--- to %s\n%s", m.To, m.Text)
	}
	fmt.Fprintf(&out, "\n## Sample /tt answers\n")
	names := s.fakes.Names()
	for _, c := range demoSamples {
		text, err := s.client.AnswerText(ctx, c.user, c.line)
		if err != nil {
			s.stop()
			return fmt.Errorf("demo: %s as %s: %w", c.line, names(c.user), err)
		}
		fmt.Fprintf(&out, "\n--- %s, as %s\n%s", c.line, names(c.user), text)
	}
	// The report table reads the database the bot has open: stop the bot
	// first, then ask `clockbot report` with the same environment.
	if err := s.stopBot(); err != nil {
		s.stop()
		return fmt.Errorf("demo: the bot: %w", err)
	}
	fmt.Fprintf(stdout, "## The weekly report of the demo team (clockbot report --offline)\n\n")
	err := run(ctx, []string{"report", "--offline"}, stdout, stderr)
	s.stop()
	if err != nil {
		return fmt.Errorf("demo: report: %w", err)
	}
	_, err = io.Copy(stdout, &out)
	return err
}
