package actions

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Details modal.
const (
	// actionDetailsPage is the action id prefix of the Details modal's page
	// buttons; their value is "<week>|<clockifyUserId>|<page>".
	actionDetailsPage = "weekly_details_page"
	// detailsPageBlocks is the number of content blocks of one page of the
	// Details modal, well inside the 100 blocks of a view.
	detailsPageBlocks = 40
	// detailsSectionRunes is the most text put in one section.
	detailsSectionRunes = 2800
	// detailsDescRunes bounds an entry's description.
	detailsDescRunes = 150
)

// onDetails opens a modal with the week of the message per day and per
// project, each entry with its time and description. The person the
// message is about may look too.
func (ac *Actions) onDetails(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	modal, err := ac.openPressModal(ctx, cb, AuditDetails, "Week details")
	if err != nil {
		return err
	}
	defer modal.close(ctx)
	ref, ok := ac.weeklyPress(ctx, cb, action, AuditDetails, true)
	if !ok {
		return nil
	}
	actor, week := cb.User.ID, ref.week.String()
	view, err := ac.detailsView(ref.week, ref.userID, 0)
	if err != nil {
		ac.fail(ctx, ref, actor, AuditDetails, err)
		return nil
	}
	if err := modal.show(ctx, view); err != nil {
		ac.audit(actor, AuditDetails, week, ref.userID, "failed: "+err.Error())
		return fmt.Errorf("details: %w", err)
	}
	ac.audit(actor, AuditDetails, week, ref.userID, "opened the details")
	return nil
}

// onDetailsPage shows another page of the Details modal.
func (ac *Actions) onDetailsPage(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	v, pageStr := action.Value, ""
	if i := strings.LastIndexByte(v, '|'); i > 0 {
		v, pageStr = v[:i], v[i+1:]
	}
	page, perr := strconv.Atoi(pageStr)
	w, userID, err := parseWeeklyValue(v)
	if err != nil || perr != nil {
		ac.audit(actor, AuditDetails, "", "", store.AuditRefused+"malformed page button")
		return nil
	}
	ok, err := ac.mayAct(ctx, actor, userID, true)
	if err != nil {
		return err
	}
	if !ok {
		ac.audit(actor, AuditDetails, w.String(), userID, store.AuditRefused+"not a manager of this user or an admin")
		return nil
	}
	view, err := ac.detailsView(w, userID, page)
	if err != nil {
		return err
	}
	if _, err := ac.api.UpdateViewContext(ctx, view, "", cb.View.Hash, cb.View.ID); err != nil {
		return fmt.Errorf("update details modal: %w", err)
	}
	ac.audit(actor, AuditDetails, w.String(), userID, fmt.Sprintf("page %d of the details", page+1))
	return nil
}

// detailsView renders page (from 0) of the Details modal of userID's week
// w.
func (ac *Actions) detailsView(w weekly.Week, userID string, page int) (slack.ModalViewRequest, error) {
	u, ok, err := ac.store.User(userID)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	if !ok {
		return slack.ModalViewRequest{}, fmt.Errorf("unknown user %s", userID)
	}
	loc := ac.reporter.Params().DefaultLocation
	if l, err := time.LoadLocation(u.TimeZone); err == nil && u.TimeZone != "" {
		loc = l
	}
	from, to := w.Start(loc), w.End(loc)
	entries, err := ac.store.EntriesForUser(userID, from, to)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	if r, ok, err := ac.store.RunningFor(userID); err != nil {
		return slack.ModalViewRequest{}, err
	} else if ok && r.Start.Before(to) {
		entries = append(entries, r)
	}
	projects, err := ac.reporter.ProjectIndex()
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	now := ac.now()
	reps, err := ac.reporter.Users([]store.User{u}, w, now)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	blocks := detailsBlocks(w, u, reps[userID], entries, projects, loc, now)
	pages := (len(blocks) + detailsPageBlocks - 1) / detailsPageBlocks
	page = min(max(page, 0), max(pages-1, 0))
	shown := blocks[page*detailsPageBlocks : min(len(blocks), (page+1)*detailsPageBlocks)]
	if pages > 1 {
		var nav []slack.BlockElement
		value := w.String() + "|" + userID + "|"
		if page > 0 {
			nav = append(nav, slackui.Button(actionDetailsPage+"_prev", value+strconv.Itoa(page-1), "◀ Previous"))
		}
		if page < pages-1 {
			nav = append(nav, slackui.Button(actionDetailsPage+"_next", value+strconv.Itoa(page+1), "Next ▶"))
		}
		shown = append(shown,
			slack.NewContextBlock("details_page_info", slack.NewTextBlockObject(slack.MarkdownType, fmt.Sprintf("Page %d of %d", page+1, pages), false, true)),
			slack.NewActionBlock("details_pages", nav...),
		)
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: slackui.Plain("Week " + w.String()), Close: slackui.Plain("Close"),
		Blocks: slack.Blocks{BlockSet: shown},
	}, nil
}

// detailsBlocks are every block of the Details modal: the totals, the
// hours per project, then each day with its entries.
func detailsBlocks(w weekly.Week, u store.User, rep report.UserReport, entries []store.Entry, projects map[string]store.Project, loc *time.Location, now time.Time) []slack.Block {
	var bs []slack.Block
	sum := fmt.Sprintf("*%s* · week %s (%s): *%s h*", slackui.EscapeMrkdwn(slackui.Clean(u.Name, slackui.MaxNameRunes)), w, report.WeekRange(w.Start(time.UTC)), slackui.Hours(rep.Hours))
	if rep.TargetHours > 0 {
		sum += fmt.Sprintf(" of a %s h target", slackui.Hours(rep.TargetHours))
	}
	if s := report.DaysInWords(rep); s != "" {
		sum += "\n" + s
	}
	if s := report.ClockedLine(rep); s != "" {
		sum += "\n" + s
	}
	if s := report.BillableText(rep); s != "" {
		sum += "\n" + s
	}
	bs = append(bs, slackui.Section(sum))
	if len(rep.Projects) > 0 {
		lines := []string{"*Per project*"}
		for _, p := range rep.Projects {
			name := slackui.EscapeMrkdwn(slackui.Clean(p.Name, slackui.MaxNameRunes))
			if c := slackui.Clean(p.Client, slackui.MaxLabelRunes); c != "" {
				name += " _(" + slackui.EscapeMrkdwn(c) + ")_"
			}
			lines = append(lines, fmt.Sprintf("• %s — *%s h*", name, slackui.Hours(p.Hours)))
		}
		bs = append(bs, detailsSections(lines)...)
	}
	bs = append(bs, slack.NewDividerBlock())

	byDay := map[string][]store.Entry{}
	for _, e := range entries {
		day := e.Start.In(loc).Format(time.DateOnly)
		byDay[day] = append(byDay[day], e)
	}
	for i := range 7 {
		day := w.Start(loc).AddDate(0, 0, i)
		key := day.Format(time.DateOnly)
		var total time.Duration
		var lines []string
		for _, e := range byDay[key] {
			end := e.End
			if e.Running() {
				end = now
			}
			d := max(end.Sub(e.Start), 0)
			if e.Type == "" || strings.EqualFold(e.Type, "REGULAR") {
				total += d
			}
			lines = append(lines, detailsEntryLine(e, d, projects, loc))
		}
		head := fmt.Sprintf("*%s* · %s h", day.Format("Mon Jan 2"), slackui.Hours(report.Round2(total.Hours())))
		if len(lines) == 0 {
			lines = []string{"_Nothing logged._"}
		}
		bs = append(bs, detailsSections(append([]string{head}, lines...))...)
	}
	return bs
}

// detailsEntryLine is one entry of the Details modal: "`09:00–12:30` 3.5 h ·
// Project — description".
func detailsEntryLine(e store.Entry, d time.Duration, projects map[string]store.Project, loc *time.Location) string {
	end := "now"
	if !e.Running() {
		end = e.End.In(loc).Format("15:04")
	}
	project := "No project"
	if p, ok := projects[e.ProjectID]; ok {
		project = p.Name
	} else if e.ProjectID != "" {
		project = "Unknown project"
	}
	s := fmt.Sprintf("`%s–%s` *%s h* · %s", e.Start.In(loc).Format("15:04"), end, slackui.Hours(report.Round2(d.Hours())), slackui.EscapeMrkdwn(slackui.Clean(project, slackui.MaxNameRunes)))
	if desc := slackui.Clean(e.Description, detailsDescRunes); desc != "" {
		s += " — " + slackui.EscapeMrkdwn(desc)
	}
	if e.Type != "" && !strings.EqualFold(e.Type, "REGULAR") {
		s += " _(" + slackui.EscapeMrkdwn(strings.ToLower(slackui.Clean(e.Type, 20))) + ")_"
	}
	if e.Running() {
		s += " _(running)_"
	}
	return s
}

// detailsSections puts lines into as few sections as fit detailsSectionRunes
// each, never splitting a line.
func detailsSections(lines []string) []slack.Block {
	var bs []slack.Block
	var cur []string
	size := 0
	for _, l := range lines {
		l = slackui.CutMrkdwn(l, detailsSectionRunes)
		n := len([]rune(l)) + 1
		if size+n > detailsSectionRunes && len(cur) > 0 {
			bs = append(bs, slackui.Section(strings.Join(cur, "\n")))
			cur, size = nil, 0
		}
		cur, size = append(cur, l), size+n
	}
	if len(cur) > 0 {
		bs = append(bs, slackui.Section(strings.Join(cur, "\n")))
	}
	return bs
}
