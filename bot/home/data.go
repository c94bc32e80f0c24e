package home

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// homePages are the pages one user is looking at, by list name.
type homePages map[string]int

// homeData is everything one Home tab shows, gathered from the store.
type homeData struct {
	slackID  string
	now      time.Time
	loc      *time.Location // the viewer's zone
	workdays []time.Weekday
	notice   string // outcome of the last button, "" for none

	mapProblem string // why the viewer has no Clockify account; "" when mapped
	user       store.User
	running    *store.Entry
	project    string // name of the running timer's project
	today      float64
	week       weekly.Week
	me         report.UserReport  // this week so far
	trend      []report.TrendWeek // the last weeks, oldest first
	nextRun    time.Time          // zero when no report is scheduled
	prefs      people.Prefs
	nudge      *nudgeView // nil without nudges

	manager  bool // manages someone, or an admin
	team     []teamRow
	lastWeek weekly.Week
	flagged  []flaggedRow

	admin *adminData // nil for everyone but admins
	pages homePages
}

// teamRow is one managed person's week so far.
type teamRow struct {
	user    store.User
	slackID string
	rep     report.UserReport
	trend   []report.TrendWeek // the last weeks, oldest first
}

// flaggedRow is one person flagged last week and their message's state.
type flaggedRow struct {
	user    store.User
	slackID string
	rec     store.Delivery
}

// adminData is what the admins' part of the Home tab shows.
type adminData struct {
	minHours         float64
	minFromSlack     bool
	targets          map[string]float64
	targetsFromSlack bool
	exclude          map[string]bool
	excludeFromSlack bool
	names            map[string]string // lower-case email -> Clockify name
	slackOf          map[string]string // lower-case email -> Slack id, when cached
	userByID         map[string]store.User
	overrides        people.ManagerOverrides
	sync             store.SyncStatus
	entries          int
	audit            []store.AuditEntry
	schedule         delivery.Schedule
	deliveryMode     string
	syncing          bool
	webhooks         *WebhookHealth   // nil: no webhook listener
	timeClock        map[int64]string // time-clock user id -> Clockify user id
}

// homeAuditLines is how many audit entries admins see.
const homeAuditLines = 10

// gather collects slackID's Home tab from the store.
func (h *Home) gather(ctx context.Context, slackID string) (homeData, error) {
	now := h.now()
	d := homeData{slackID: slackID, now: now, workdays: h.reporter.Params().Workdays, pages: h.pagesOf(slackID)}
	d.loc = h.people.Location(ctx, slackID, h.reporter.Params().DefaultLocation)
	d.week = weekly.WeekOf(now.In(d.loc))
	d.nextRun = h.cfg.Schedule.Next(now)
	var err error
	if d.prefs, err = people.LoadPrefs(h.store, slackID); err != nil {
		return d, err
	}
	if d.nudge, err = h.gatherNudges(slackID); err != nil {
		return d, err
	}
	u, err := h.people.ClockifyUser(ctx, slackID)
	switch {
	case errors.Is(err, people.ErrUnmapped):
		d.mapProblem = "I could not find your Clockify account: your Slack email is not a member of the Clockify workspace. Ask an admin to map you with `/tt admin map @you you@company.com`."
	case err != nil:
		h.log.Warn("home: user lookup failed", "user", slackID, "err", err)
		d.mapProblem = "I could not look up your Slack profile just now. Open this tab again in a minute."
	default:
		d.user = u
		if err := h.gatherPersonal(&d); err != nil {
			return d, err
		}
	}
	admin := h.people.IsAdmin(slackID)
	team, err := h.people.ManagedBy(ctx, slackID)
	if err != nil {
		return d, fmt.Errorf("people managed by %s: %w", slackID, err)
	}
	if len(team) > 0 || admin {
		d.manager = true
		if err := h.gatherTeam(&d, team); err != nil {
			return d, err
		}
	}
	if admin {
		if d.admin, err = h.gatherAdmin(); err != nil {
			return d, err
		}
	}
	return d, nil
}

// gatherPersonal fills the viewer's timer, today and week.
func (h *Home) gatherPersonal(d *homeData) error {
	e, ok, err := h.store.RunningFor(d.user.ID)
	if err != nil {
		return err
	}
	if ok {
		d.running = &e
		d.project = h.projectName(e.ProjectID)
	}
	if d.today, err = h.dayTotal(d.user.ID, d.loc, d.now); err != nil {
		return err
	}
	reps, err := h.reporter.Users([]store.User{d.user}, d.week, d.now)
	if err != nil {
		return err
	}
	d.me = reps[d.user.ID]
	return h.gatherTrend(d)
}

// gatherTeam fills the managed people's week so far and last week's
// flagged people.
func (h *Home) gatherTeam(d *homeData, team []store.User) error {
	reps, err := h.reporter.Users(team, d.week, d.now)
	if err != nil {
		return err
	}
	managed := make(map[string]store.User, len(team))
	for _, u := range team {
		managed[u.ID] = u
		d.team = append(d.team, teamRow{user: u, slackID: h.cachedSlackID(u.Email), rep: reps[u.ID]})
	}
	d.lastWeek = weekly.LastWeek(d.now.In(h.loc()))
	if err := h.gatherTeamTrend(d); err != nil {
		return err
	}
	recs, err := h.store.Deliveries(d.lastWeek.String())
	if err != nil {
		return err
	}
	for _, r := range recs {
		if u, ok := managed[r.UserID]; ok {
			d.flagged = append(d.flagged, flaggedRow{user: u, slackID: h.cachedSlackID(u.Email), rec: r})
		}
	}
	sort.Slice(d.flagged, func(i, j int) bool {
		return strings.ToLower(d.flagged[i].user.Email) < strings.ToLower(d.flagged[j].user.Email)
	})
	return nil
}

// gatherAdmin reads the settings, the sync's health and the audit log.
func (h *Home) gatherAdmin() (*adminData, error) {
	a := &adminData{schedule: h.cfg.Schedule, deliveryMode: h.cfg.DeliveryMode, syncing: h.syncing.Load(),
		names: map[string]string{}, slackOf: map[string]string{}, userByID: map[string]store.User{}}
	if h.webhookHealth != nil {
		w := h.webhookHealth()
		a.webhooks = &w
	}
	tc, tcErr := h.store.TimeClockUsers()
	if tcErr != nil {
		return nil, tcErr
	}
	a.timeClock = tc
	var s report.Settings
	if _, err := h.store.Setting(store.ReportSettingsKey(), &s); err != nil {
		return nil, fmt.Errorf("read report settings: %w", err)
	}
	var err error
	if a.minHours, a.exclude, a.targets, err = h.reporter.Settings(); err != nil {
		return nil, err
	}
	a.minFromSlack, a.targetsFromSlack, a.excludeFromSlack = s.MinHours != nil, s.TargetsSet, s.ExcludeSet
	users, err := h.store.Users()
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	for _, u := range users {
		a.names[strings.ToLower(u.Email)] = u.Name
		a.userByID[u.ID] = u
	}
	for email := range a.targets {
		a.slackOf[email] = h.cachedSlackID(email)
	}
	for email := range a.exclude {
		a.slackOf[email] = h.cachedSlackID(email)
	}
	if a.overrides, err = people.LoadManagerOverrides(h.store); err != nil {
		return nil, err
	}
	for id := range a.overrides {
		if u, ok := a.userByID[id]; ok {
			a.slackOf[strings.ToLower(u.Email)] = h.cachedSlackID(u.Email)
		}
	}
	if a.sync, err = h.store.SyncStatus(); err != nil {
		return nil, err
	}
	if a.entries, err = h.store.CountEntries(); err != nil {
		return nil, err
	}
	if a.audit, err = h.store.RecentAudit(homeAuditLines); err != nil {
		return nil, err
	}
	return a, nil
}

// cachedSlackID is the Slack id cached for an email, "" when unknown.
func (h *Home) cachedSlackID(email string) string {
	if c, ok, err := h.store.SlackUser(email); err == nil && ok {
		return c.SlackID
	}
	return ""
}

// projectName is a project's name, "No project" for none.
func (h *Home) projectName(id string) string {
	if id == "" {
		return "No project"
	}
	if p, ok, err := h.store.Project(id); err == nil && ok {
		return p.Name
	}
	return "Unknown project"
}

// pagesOf returns a copy of the pages slackID is looking at.
func (h *Home) pagesOf(slackID string) homePages {
	h.pagesMu.Lock()
	defer h.pagesMu.Unlock()
	out := homePages{}
	for k, v := range h.pages[slackID] {
		out[k] = v
	}
	return out
}

// setPage remembers that slackID looks at page n of list.
func (h *Home) setPage(slackID, list string, n int) {
	h.pagesMu.Lock()
	defer h.pagesMu.Unlock()
	p := h.pages[slackID]
	if p == nil {
		p = homePages{}
		h.pages[slackID] = p
	}
	p[list] = n
}
