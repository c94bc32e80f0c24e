package commands

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// SubFunc answers one `/tt <name> ...` subcommand that another feature
// adds: slackID is the user, args what follows the name (sanitized).
type SubFunc func(ctx context.Context, slackID, args string) (slack.Msg, error)

// subcommand is a subcommand added with Handle.
type subcommand struct {
	name, help string
	f          SubFunc
}

// Handle adds the subcommand `/tt name` answered by f, listed in the help
// with help ("`/tt log DURATION ...`: ..."). Features that own a
// subcommand (the nudges, /tt log) register it here, so that /tt stays one
// command. Call it before the runtime starts.
func (c *Commands) Handle(name, help string, f SubFunc) {
	c.subs = append(c.subs, subcommand{name: strings.ToLower(name), help: help, f: f})
}

// sub returns the added subcommand called name.
func (c *Commands) sub(name string) (SubFunc, bool) {
	for _, s := range c.subs {
		if s.name == strings.ToLower(name) {
			return s.f, true
		}
	}
	return nil, false
}
