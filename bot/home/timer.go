package home

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// The Start modal of the Home tab.
const (
	CallbackStart         = "home_start_modal"
	ActionProjectPicker   = "home_project" // the project select; its options come from onProjectOptions when external
	BlockStartProject     = "start_project"
	BlockStartDescription = "start_description"
	// maxStaticProjects is the most options a static select may hold;
	// with more projects the picker loads them as the user types.
	maxStaticProjects  = 100
	maxDescriptionText = 500
	maxOptionText      = 75
)

// TimerChanged re-publishes the Home tab of a user whose timer changed
// elsewhere (`/tt start`, `/tt stop`), in the background; it is a
// timer.Listener. The Home tab's own changes are published with their
// notice by the handler. Wait waits for it.
func (h *Home) TimerChanged(ch timer.Change) {
	if ch.Origin == timer.FromHome {
		return
	}
	slackID := ch.SlackID
	h.bg.Add(1)
	go func() {
		defer h.bg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := h.Publish(ctx, slackID); err != nil {
			h.log.Warn("refresh home tab after a timer change", "user", slackID, "err", err)
		}
	}()
}

// homeViewHasBlock reports whether v holds a block with the block_id id.
func homeViewHasBlock(v slack.View, id string) bool {
	for _, b := range v.Blocks.BlockSet {
		if b.ID() == id {
			return true
		}
	}
	return false
}

// activeProjects returns the projects that are not archived, by name.
func (h *Home) activeProjects() ([]store.Project, error) {
	ps, err := h.store.Projects()
	if err != nil {
		return nil, fmt.Errorf("read projects: %w", err)
	}
	var out []store.Project
	for _, p := range ps {
		if !p.Archived {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// homeProjectOption is a project as a select option.
func homeProjectOption(p store.Project) *slack.OptionBlockObject {
	label := slackui.Clean(p.Name, maxOptionText)
	if c := slackui.Clean(p.ClientName, maxOptionText); c != "" {
		label = slackui.TruncateRunes(label+" · "+c, maxOptionText)
	}
	if label == "" {
		label = p.ID
	}
	return slack.NewOptionBlockObject(p.ID, slack.NewTextBlockObject(slack.PlainTextType, label, false, false), nil)
}

// onStartButton opens the Start modal: loading first, since looking the
// presser up (users.info, retried) may outlast the trigger_id's 3 s.
func (h *Home) onStartButton(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	actor := cb.User.ID
	modal, err := slackui.OpenLoading(ctx, h.api, cb.TriggerID, startModalTitle)
	if err != nil {
		return fmt.Errorf("start modal: %w", err)
	}
	u, err := h.people.ClockifyUser(ctx, actor)
	if err != nil {
		notice := h.unmappedNotice(err)
		if err := modal.Show(ctx, slackui.NoticeModal(startModalTitle, notice)); err != nil {
			h.log.Warn("home: start modal notice", "err", err)
		}
		return h.publish(ctx, actor, notice)
	}
	projects, err := h.activeProjects()
	if err != nil {
		_ = modal.Show(ctx, slackui.NoticeModal(startModalTitle, "Sorry, something went wrong on my side. Please try again in a minute."))
		return err
	}
	running := ""
	if e, ok, err := h.store.RunningFor(u.ID); err == nil && ok {
		running = h.projectName(e.ProjectID)
	}
	if err := modal.Show(ctx, startModal(projects, running)); err != nil {
		return fmt.Errorf("start modal: %w", err)
	}
	return nil
}

// startModalTitle is the Start modal's title, loading or not.
const startModalTitle = "Start a timer"

// startModal asks for a project and a description.
func startModal(projects []store.Project, running string) slack.ModalViewRequest {
	var bs []slack.Block
	if running != "" {
		bs = append(bs, slack.NewContextBlock("start_running", slack.NewTextBlockObject(slack.MarkdownType,
			"Your running timer ("+slackui.EscapeMrkdwn(slackui.Clean(running, slackui.MaxNameRunes))+") stops when this one starts.", false, true)))
	}
	placeholder := slackui.Plain("Choose a project")
	var picker slack.BlockElement
	switch {
	case len(projects) == 0:
		bs = append(bs, slackui.Section("There are no active projects in Clockify; the timer starts without one."))
	case len(projects) <= maxStaticProjects:
		opts := make([]*slack.OptionBlockObject, 0, len(projects))
		for _, p := range projects {
			opts = append(opts, homeProjectOption(p))
		}
		picker = slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, placeholder, ActionProjectPicker, opts...)
	default:
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeExternal, slackui.Plain("Type to search projects"), ActionProjectPicker)
		minQuery := 0
		sel.MinQueryLength = &minQuery
		picker = sel
	}
	if picker != nil {
		in := slack.NewInputBlock(BlockStartProject, slackui.Plain("Project"), nil, picker)
		in.Optional = true
		bs = append(bs, in)
	}
	desc := slack.NewPlainTextInputBlockElement(slackui.Plain("What are you working on?"), slackui.InputValue)
	desc.MaxLength = maxDescriptionText
	in := slack.NewInputBlock(BlockStartDescription, slackui.Plain("Description"), nil, desc)
	in.Optional = true
	bs = append(bs, in)
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: CallbackStart,
		Title: slackui.Plain(startModalTitle), Submit: slackui.Plain("Start"), Close: slackui.Plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: bs},
	}
}

// onProjectOptions answers the project picker as the user types: the
// active projects whose name or client contains the text, names starting
// with it first, at most 100.
func (h *Home) onProjectOptions(_ context.Context, cb slack.InteractionCallback) (*slack.OptionsResponse, error) {
	q := strings.ToLower(slackui.Clean(cb.Value, 100))
	projects, err := h.activeProjects()
	if err != nil {
		return nil, err
	}
	var first, rest []*slack.OptionBlockObject
	for _, p := range projects {
		name := strings.ToLower(p.Name)
		switch {
		case strings.HasPrefix(name, q):
			first = append(first, homeProjectOption(p))
		case strings.Contains(name, q) || strings.Contains(strings.ToLower(p.ClientName), q):
			rest = append(rest, homeProjectOption(p))
		}
	}
	all := append(first, rest...)
	return &slack.OptionsResponse{Options: all[:min(len(all), maxStaticProjects)]}, nil
}

// onStartSubmit starts the timer. It runs before the acknowledgement, so
// Clockify gets at most h.startTimeout; a refusal is shown on the form.
func (h *Home) onStartSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	actor := cb.User.ID
	fail := func(block, msg string) (*slack.ViewSubmissionResponse, error) {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{block: slackui.TruncateRunes(msg, 150)}), nil
	}
	u, err := h.people.ClockifyUser(ctx, actor)
	if err != nil {
		return fail(BlockStartDescription, h.unmappedNotice(err))
	}
	projectID := slackui.FormState(cb, BlockStartProject, ActionProjectPicker).SelectedOption.Value
	if projectID != "" {
		p, ok, err := h.store.Project(projectID)
		if err != nil {
			return nil, err
		}
		if !ok || p.Archived {
			return fail(BlockStartProject, "This project is archived or gone. Choose another one.")
		}
	}
	if h.timers == nil {
		return fail(BlockStartDescription, "Timers are not available: clockbot has no Clockify connection.")
	}
	desc := slackui.CleanFormText(slackui.FormState(cb, BlockStartDescription, slackui.InputValue).Value, maxDescriptionText)
	cctx, cancel := context.WithTimeout(ctx, h.startTimeout)
	defer cancel()
	cctx, _, release, err := h.timers.Book(cctx, timer.DoingStart, 0, homeStartNeed)
	defer release()
	if errors.Is(err, timer.ErrTooBusy) {
		return fail(BlockStartDescription, homeTooBusyText)
	}
	ch, err := h.timers.Start(cctx, timer.FromHome, actor, u, projectID, desc)
	var refused *timer.Refused
	switch {
	case errors.As(err, &refused):
		h.log.Warn("home: start timer failed", "user", actor, "err", err)
		block := BlockStartDescription
		if refused.Doing == timer.DoingStart && homeViewHasBlock(cb.View, BlockStartProject) && (projectID != "" || strings.Contains(strings.ToLower(err.Error()), "project")) {
			block = BlockStartProject
		}
		msg := timer.Problem(err)
		if ch.Stopped != nil {
			msg = "Stopped your running timer. " + msg
			h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, "") })
		}
		return fail(block, msg)
	case err != nil:
		return nil, err
	}
	notice := "Timer started: " + h.projectName(ch.Started.ProjectID) + "."
	h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, notice) })
	return nil, nil
}

// onStopButton stops the running timer.
func (h *Home) onStopButton(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	actor := cb.User.ID
	u, err := h.people.ClockifyUser(ctx, actor)
	if err != nil {
		return h.publish(ctx, actor, h.unmappedNotice(err))
	}
	if h.timers == nil {
		return h.publish(ctx, actor, "Timers are not available: clockbot has no Clockify connection.")
	}
	var notice string
	ch, err := h.timers.Stop(ctx, timer.FromHome, actor, u)
	var refused *timer.Refused
	switch {
	case errors.As(err, &refused):
		h.log.Warn("home: stop timer failed", "user", actor, "err", err)
		notice = "Your timer was not stopped: " + timer.Problem(err)
	case err != nil:
		return err
	case ch.Stopped == nil:
		notice = "No timer was running."
	default:
		s := ch.Stopped
		notice = fmt.Sprintf("Timer stopped: %s, %s.", h.projectName(s.ProjectID), slackui.Duration(s.End.Sub(s.Start)))
	}
	return h.publish(ctx, actor, notice)
}

// unmappedNotice explains a failed Clockify user lookup.
func (h *Home) unmappedNotice(err error) string {
	if errors.Is(err, people.ErrUnmapped) {
		return "I could not find your Clockify account. Ask an admin to map you with /tt admin map."
	}
	h.log.Warn("home: user lookup failed", "err", err)
	return "I could not look you up just now. Please try again in a minute."
}

// homeTooBusyText answers a Start submission that Clockify's rate limit
// would delay past its budget: nothing was changed, the modal stays open.
const homeTooBusyText = "Clockify is busy right now, so I changed nothing. Please try again in a few seconds."
