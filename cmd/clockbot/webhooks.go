package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clockbot/clockbot/bot/clockifyhook"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// runWebhooks is `clockbot webhooks register|list|rotate|delete`.
func runWebhooks(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &usageError{msg: "webhooks: want register, list, rotate or delete"}
	}
	sub, args := args[0], args[1:]
	var hookURL string
	switch sub {
	case "register":
		fs := flag.NewFlagSet("webhooks register", flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.StringVar(&hookURL, "url", "", "public HTTPS URL of the bot's /webhooks/clockify")
		if err := fs.Parse(args); err != nil {
			return &usageError{msg: "webhooks register: " + err.Error()}
		}
		if err := checkHookURL(hookURL); err != nil {
			return err
		}
		args = fs.Args()
	case "list", "rotate", "delete":
	default:
		return &usageError{msg: fmt.Sprintf("webhooks: unknown subcommand %q", sub)}
	}
	if len(args) > 0 {
		return &usageError{msg: fmt.Sprintf("webhooks %s: unexpected argument %q", sub, args[0])}
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	a, err := setup(ctx, cfg, stderr, setupOptions{announceWaits: true})
	if err != nil {
		return err
	}
	defer a.Close()
	h := hookCmd{api: a.api, st: a.store, ws: a.cfg.ClockifyWorkspaceID, out: stdout, now: time.Now}
	switch sub {
	case "register":
		return h.register(ctx, hookURL)
	case "list":
		return h.list(ctx)
	case "rotate":
		return h.rotate(ctx)
	default:
		return h.delete(ctx)
	}
}

// checkHookURL accepts an absolute https URL.
func checkHookURL(raw string) error {
	if raw == "" {
		return &usageError{msg: "webhooks register: --url is required (https://HOST/webhooks/clockify)"}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return &usageError{msg: fmt.Sprintf("webhooks register: --url %q is not an absolute https URL", raw)}
	}
	if !strings.HasSuffix(u.Path, clockifyhook.Path) {
		return &usageError{msg: fmt.Sprintf("webhooks register: --url %q does not end with %s", raw, clockifyhook.Path)}
	}
	return nil
}

// hookCmd holds what the webhooks subcommands share.
type hookCmd struct {
	api *clockify.Client
	st  *store.Store
	ws  string
	out io.Writer
	now func() time.Time
}

// register creates the webhooks the bot applies that are not registered
// yet, as many as Clockify's limits allow.
func (h hookCmd) register(ctx context.Context, hookURL string) error {
	me, err := h.api.CurrentUser(ctx)
	if err != nil {
		return fmt.Errorf("webhooks register: %w", err)
	}
	existing, err := h.api.Webhooks(ctx, h.ws)
	if err != nil {
		return fmt.Errorf("webhooks register: %w", err)
	}
	stored, err := h.st.Webhooks()
	if err != nil {
		return fmt.Errorf("webhooks register: %w", err)
	}
	have := map[string]bool{}
	for _, w := range stored {
		have[w.Event] = true
	}
	mine := 0
	for _, w := range existing.Webhooks {
		if w.UserID == me.ID {
			mine++
		}
	}
	total := existing.WorkspaceWebhookCount
	room := min(clockify.MaxWebhooksPerAdmin-mine, clockify.MaxWebhooksPerWorkspace-total)
	var made, skipped int
	for _, ev := range clockifyhook.Events {
		if have[ev] {
			fmt.Fprintf(h.out, "already registered %s\n", ev)
			continue
		}
		if room <= 0 {
			skipped++
			fmt.Fprintf(h.out, "skipped %s: %s\n", ev, limitReason(mine, total))
			continue
		}
		w, err := h.api.CreateWebhook(ctx, h.ws, clockify.WebhookRequest{Name: "clockbot", URL: hookURL, WebhookEvent: ev,
			TriggerSource: []string{h.ws}, TriggerSourceType: clockify.TriggerWorkspace})
		if err != nil {
			return fmt.Errorf("webhooks register %s (%d registered before it): %w", ev, made, err)
		}
		if err := h.st.PutWebhook(store.RegisteredWebhook{ID: w.ID, WorkspaceID: h.ws, Event: ev, URL: hookURL,
			Token: w.AuthToken, CreatedAt: h.now().UTC()}); err != nil {
			return fmt.Errorf("webhooks register %s: created in Clockify as %s but not stored: %w", ev, w.ID, err)
		}
		room--
		mine++
		total++
		made++
		fmt.Fprintf(h.out, "registered %s as %s\n", ev, w.ID)
	}
	fmt.Fprintf(h.out, "%d registered, %d skipped", made, skipped)
	if skipped > 0 {
		fmt.Fprintf(h.out, " (Clockify allows %d webhooks per admin and %d per workspace; polling still covers the skipped events)",
			clockify.MaxWebhooksPerAdmin, clockify.MaxWebhooksPerWorkspace)
	}
	fmt.Fprintln(h.out)
	return nil
}

// limitReason names the limit that is full.
func limitReason(mine, total int) string {
	if total >= clockify.MaxWebhooksPerWorkspace {
		return fmt.Sprintf("the workspace has %d webhooks, Clockify's limit", total)
	}
	return fmt.Sprintf("this admin has %d webhooks, Clockify's limit", mine)
}

// list prints each registered webhook with Clockify's view of it.
func (h hookCmd) list(ctx context.Context) error {
	stored, err := h.st.Webhooks()
	if err != nil {
		return fmt.Errorf("webhooks list: %w", err)
	}
	if len(stored) == 0 {
		_, err := fmt.Fprintln(h.out, "no webhooks registered (clockbot webhooks register --url https://HOST/webhooks/clockify)")
		return err
	}
	tw := tabwriter.NewWriter(h.out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EVENT\tID\tDELIVERY\tLAST STATUS\tURL")
	for _, s := range stored {
		delivery, last := "enabled", "none yet"
		w, err := h.api.Webhook(ctx, h.ws, s.ID)
		switch {
		case isNotFound(err):
			delivery = "missing in Clockify"
		case err != nil:
			return fmt.Errorf("webhooks list %s: %w", s.ID, err)
		case !w.DeliveryEnabled:
			delivery = "disabled by Clockify (too many failures)"
		case !w.PlanEnabled:
			delivery = "not allowed by the plan"
		}
		if err == nil {
			sts, err := h.api.WebhookStatuses(ctx, h.ws, s.ID, &clockify.WebhookStatusOptions{Page: 1, PageSize: 1})
			if err != nil {
				return fmt.Errorf("webhooks list %s: %w", s.ID, err)
			}
			if len(sts) > 0 {
				last = fmt.Sprintf("%s %d at %s", sts[0].Status, sts[0].StatusCode, sts[0].RespondedAt)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Event, s.ID, delivery, last, s.URL)
	}
	return tw.Flush()
}

// rotate gives every registered webhook a new token.
func (h hookCmd) rotate(ctx context.Context) error {
	return h.each("rotate", func(s store.RegisteredWebhook) (string, error) {
		w, err := h.api.RegenerateWebhookToken(ctx, h.ws, s.ID)
		if err != nil {
			return "", err
		}
		s.Token = w.AuthToken
		return "new token", h.st.PutWebhook(s)
	})
}

// delete removes every registered webhook from Clockify and the store.
func (h hookCmd) delete(ctx context.Context) error {
	return h.each("delete", func(s store.RegisteredWebhook) (string, error) {
		err := h.api.DeleteWebhook(ctx, h.ws, s.ID)
		what := "deleted"
		if isNotFound(err) {
			err, what = nil, "already gone from Clockify; forgotten"
		}
		if err != nil {
			return "", err
		}
		return what, h.st.DeleteWebhook(s.ID)
	})
}

// each runs fn on every registered webhook and prints what it did.
func (h hookCmd) each(verb string, fn func(store.RegisteredWebhook) (string, error)) error {
	stored, err := h.st.Webhooks()
	if err != nil {
		return fmt.Errorf("webhooks %s: %w", verb, err)
	}
	if len(stored) == 0 {
		_, err := fmt.Fprintln(h.out, "no webhooks registered")
		return err
	}
	for _, s := range stored {
		what, err := fn(s)
		if err != nil {
			return fmt.Errorf("webhooks %s %s (%s): %w", verb, s.Event, s.ID, err)
		}
		fmt.Fprintf(h.out, "%s %s: %s\n", s.Event, s.ID, what)
	}
	return nil
}

// isNotFound reports a Clockify 404.
func isNotFound(err error) bool {
	var apiErr *clockify.Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}
