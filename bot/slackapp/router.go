package slackapp

import (
	"context"
	"sort"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// SlashFunc answers a slash command with an ephemeral message. The Socket
// Mode runtime puts the answer in the acknowledgement when it comes within
// the ack budget (2 s), and otherwise acknowledges with a "working on it"
// note and posts the answer to the command's response_url when it is ready.
// A handler that knows it will be slow acknowledges at once with a
// provisional message of its own instead (Defer).
type SlashFunc func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error)

// ActionFunc handles one block action. It runs after the acknowledgement;
// it answers through response_url, chat.update or views.* as it sees fit.
type ActionFunc func(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error

// ViewFunc handles a view submission. It runs before the acknowledgement
// (within the ack budget) so it can return validation errors or a
// response_action; nil means "close the modal".
type ViewFunc func(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error)

// OptionsFunc answers a block_suggestion (external select options as the
// user types). It runs before the acknowledgement.
type OptionsFunc func(ctx context.Context, cb slack.InteractionCallback) (*slack.OptionsResponse, error)

// EventFunc handles an Events API event (for example app_home_opened). It
// runs after the acknowledgement.
type EventFunc func(ctx context.Context, ev slackevents.EventsAPIInnerEvent) error

// Router maps slash commands, action ids, view callback ids and event types
// to their handlers. Handlers are registered before the runtime starts.
type Router struct {
	commands map[string]SlashFunc
	actions  map[string]ActionFunc // by action_id prefix
	views    map[string]ViewFunc   // by callback_id
	options  map[string]OptionsFunc
	events   map[string]EventFunc // by inner event type
	prefixes []string             // action prefixes, longest first
}

// NewRouter returns an empty Router.
func NewRouter() *Router {
	return &Router{
		commands: map[string]SlashFunc{},
		actions:  map[string]ActionFunc{},
		views:    map[string]ViewFunc{},
		options:  map[string]OptionsFunc{},
		events:   map[string]EventFunc{},
	}
}

// Command registers the handler of a slash command such as "/tt".
func (r *Router) Command(name string, f SlashFunc) { r.commands[name] = f }

// Action registers the handler of every action whose action_id starts with
// prefix; the longest matching prefix wins.
func (r *Router) Action(prefix string, f ActionFunc) {
	if _, ok := r.actions[prefix]; !ok {
		r.prefixes = append(r.prefixes, prefix)
		sort.Slice(r.prefixes, func(i, j int) bool { return len(r.prefixes[i]) > len(r.prefixes[j]) })
	}
	r.actions[prefix] = f
}

// View registers the handler of view submissions with callbackID.
func (r *Router) View(callbackID string, f ViewFunc) { r.views[callbackID] = f }

// Options registers the handler of block_suggestion requests of the
// action_id actionID.
func (r *Router) Options(actionID string, f OptionsFunc) { r.options[actionID] = f }

// Event registers the handler of an Events API event type.
func (r *Router) Event(eventType string, f EventFunc) { r.events[eventType] = f }

// CommandFor returns the handler of a slash command.
func (r *Router) CommandFor(name string) (SlashFunc, bool) {
	f, ok := r.commands[name]
	return f, ok
}

// ActionFor returns the handler of an action id.
func (r *Router) ActionFor(actionID string) (ActionFunc, bool) {
	for _, p := range r.prefixes {
		if strings.HasPrefix(actionID, p) {
			return r.actions[p], true
		}
	}
	return nil, false
}

// ViewFor returns the handler of a view callback id.
func (r *Router) ViewFor(callbackID string) (ViewFunc, bool) {
	f, ok := r.views[callbackID]
	return f, ok
}

// OptionsFor returns the handler of a block_suggestion action id.
func (r *Router) OptionsFor(actionID string) (OptionsFunc, bool) {
	f, ok := r.options[actionID]
	return f, ok
}

// EventFor returns the handler of an event type.
func (r *Router) EventFor(eventType string) (EventFunc, bool) {
	f, ok := r.events[eventType]
	return f, ok
}
