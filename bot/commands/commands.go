package commands

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Config configures the `/tt` command.
type Config struct {
	// NotifyChannel is where timer starts and stops are posted for users
	// who turned notifications on (NOTIFY_CHANNEL, an id or a name); ""
	// disables them.
	NotifyChannel string
	// ClockifyURL is the Clockify web app, linked from the help text; ""
	// for no link.
	ClockifyURL string
}

// SlashCommandName is the slash command the commands answer.
const SlashCommandName = "/tt"

// ActionStartProject starts the action id of the project buttons offered
// when several projects match: "tt_start_project:<n>", with the value
// "<projectId>|<description>".
const ActionStartProject = "tt_start_project"

// Limits and timeouts of the commands.
const (
	maxCommandBytes     = 4096             // longer command texts are refused
	commandTimeout      = 25 * time.Second // a command's whole work, Clockify included
	maxProjectButtons   = 5
	maxButtonValueBytes = 2000
	maxEchoRunes        = 100
)

// Commands answers the `/tt` slash command: it starts and stops Clockify
// timers for the Slack user's Clockify account and answers questions about
// their time from the store.
type Commands struct {
	timers   Timers
	store    *store.Store
	people   People
	reporter Weeks
	cfg      Config
	now      clock.Clock
	log      *slog.Logger

	// subs are the subcommands other features added (Handle).
	subs []subcommand

	// respond posts to a response_url (the project buttons' answers).
	respond func(ctx context.Context, url string, msg *slack.WebhookMessage) error
}

// New returns the `/tt` command. now may be nil for time.Now.
func New(timers Timers, st *store.Store, people People, reporter Weeks, cfg Config, now clock.Clock, log *slog.Logger) *Commands {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	return &Commands{
		timers: timers, store: st, people: people, reporter: reporter, cfg: cfg, now: now,
		log: log.With("component", "commands"),
		respond: func(ctx context.Context, url string, msg *slack.WebhookMessage) error {
			return slack.PostWebhookCustomHTTPContext(ctx, url, hc, msg)
		},
	}
}

// Register adds the `/tt` command and the project buttons' action to r.
func (c *Commands) Register(r *slackapp.Router) {
	r.Command(SlashCommandName, c.Slash)
	r.Action(ActionStartProject, c.StartProjectAction)
}

// Slash answers one `/tt` command. Every answer is ephemeral; problems the
// user can act on are answered in plain sentences, never as errors.
func (c *Commands) Slash(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	if len(cmd.Text) > maxCommandBytes {
		return cmdReply("That's more text than I can take (over 4 KB). Keep it short, for example `/tt start design -- fixing the login page`."), nil
	}
	text, stripped := slackui.SanitizeInput(cmd.Text)
	sub, rest := splitWord(text)
	var (
		msg slack.Msg
		err error
	)
	switch strings.ToLower(sub) {
	case "start":
		msg, err = c.start(ctx, cmd.UserID, rest)
	case "stop":
		msg, err = c.stop(ctx, cmd.UserID)
	case "status":
		msg, err = c.status(ctx, cmd.UserID)
	case "today":
		msg, err = c.today(ctx, cmd.UserID)
	case "week":
		msg, err = c.week(ctx, cmd.UserID, rest)
	case "notify":
		msg, err = c.notify(cmd.UserID, rest)
	case "summary":
		msg, err = c.summary(ctx, cmd.UserID, rest)
	case "digest":
		msg, err = c.digest(ctx, cmd.UserID, rest)
	case "admin":
		msg, err = c.admin(ctx, cmd.UserID, rest)
	case "", "help":
		msg = cmdReply(c.helpText())
	default:
		if f, ok := c.sub(sub); ok {
			msg, err = f(ctx, cmd.UserID, rest)
			break
		}
		msg = cmdReply("I don't know “" + echoInput(sub) + "”.\n\n" + c.helpText())
	}
	if err != nil {
		c.log.Error("command failed", "user", cmd.UserID, "subcommand", strings.ToLower(slackui.TruncateRunes(sub, 20)), "err", err)
		msg = cmdReply("Sorry, something went wrong on my side. Please try again in a minute.")
	}
	if stripped {
		msg.Text += "\n_(I removed control or invalid characters from what you typed.)_"
	}
	return msg, nil
}

// helpText lists the subcommands.
func (c *Commands) helpText() string {
	var b strings.Builder
	b.WriteString("*Clockify timers from Slack*\n")
	b.WriteString("• `/tt start [project] [-- description]`: start a timer (a running one is stopped first)\n")
	b.WriteString("• `/tt stop`: stop your timer\n")
	b.WriteString("• `/tt status`: what is running, and today's total\n")
	b.WriteString("• `/tt today`: today's time per project\n")
	b.WriteString("• `/tt week [@someone]`: this week against your target (someone else's if you manage them)\n")
	b.WriteString("• `/tt notify on|off`: post your timer starts and stops to the team channel\n")
	b.WriteString("• `/tt summary HH:MM|off`: a daily summary by DM at that time\n")
	for _, s := range c.subs {
		b.WriteString("• " + s.help + "\n")
	}
	b.WriteString("• `/tt digest on|off`: managers: your whole team's week in one message on report day\n")
	b.WriteString("• `/tt help`: this help")
	if c.cfg.ClockifyURL != "" {
		b.WriteString("\n<" + strings.ReplaceAll(slackui.EscapeMrkdwn(c.cfg.ClockifyURL), "|", "%7C") + "|Open Clockify>")
	}
	return b.String()
}

// cmdReply is an ephemeral answer.
func cmdReply(text string) slack.Msg {
	return slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: text}
}
