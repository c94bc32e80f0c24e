package report

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// Config holds the report defaults from the environment.
type Config struct {
	Params  weekly.Params      // workdays, minimum hours, hours per day, default zone
	Exclude []string           // REPORT_EXCLUDE: emails never flagged
	Targets map[string]float64 // REPORT_TARGETS: email -> weekly hours
}

// SlackDirectory finds the Slack user of an email address. It returns ""
// and no error when Slack has no such user.
type SlackDirectory interface {
	LookupEmail(ctx context.Context, email string) (string, error)
}

// Params are the weekly rules the report applies (workdays, hours per
// day, the default zone, never nil); the minimum in force comes from
// Settings.
func (r *Builder) Params() weekly.Params {
	p := r.cfg.Params
	if p.DefaultLocation == nil {
		p.DefaultLocation = time.UTC
	}
	return p
}

// Directories loads a snapshot of who manages whom (*people.People).
type Directories interface {
	Directory() (*people.Directory, error)
}

// Builder computes weekly reports from the store.
type Builder struct {
	store  *store.Store
	cfg    Config
	people Directories
	dir    SlackDirectory // nil: no Slack, ids stay empty
	log    *slog.Logger
}

// New returns a Builder. dir may be nil (no Slack ids), log nil to
// discard.
func New(st *store.Store, cfg Config, ppl Directories, dir SlackDirectory, log *slog.Logger) *Builder {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Builder{store: st, cfg: cfg, people: ppl, dir: dir, log: log.With("component", "report")}
}

// Build computes the report of week w at now from the store: every ACTIVE
// workspace member, flagged or not, sorted by email, with their Slack
// accounts (ResolveSlack). Slack lookups that fail leave ids empty; the
// first failure is returned as warn so callers can say so once.
func (r *Builder) Build(ctx context.Context, w weekly.Week, now time.Time) (rep Report, warn error, err error) {
	rep, err = r.BuildUnresolved(w, now)
	if err != nil {
		return rep, nil, err
	}
	return rep, r.ResolveSlack(ctx, &rep), nil
}

// BuildUnresolved is Build without asking Slack: the Slack ids of the
// people not flagged come from the cache, and the flagged people's (and
// their managers') are left for a Resolver, which the weekly delivery runs
// on each person just before sending their message.
func (r *Builder) BuildUnresolved(w weekly.Week, now time.Time) (rep Report, err error) {
	dir, err := r.people.Directory()
	if err != nil {
		return rep, err
	}
	var active []store.User
	for _, u := range dir.Users() {
		if u.Status == "ACTIVE" {
			active = append(active, u)
		}
	}
	users, err := r.week(active, w, now)
	if err != nil {
		return rep, err
	}
	status, err := r.store.SyncStatus()
	if err != nil {
		return rep, fmt.Errorf("read sync status: %w", err)
	}
	utcStart := w.Start(time.UTC)
	rep = Report{
		Week:        w.String(),
		From:        utcStart.Format("2006-01-02"),
		To:          utcStart.AddDate(0, 0, 6).Format("2006-01-02"),
		GeneratedAt: now.UTC().Truncate(time.Second),
		Users:       users,

		DaysOffUnavailable: !status.TimeOffUnavailableAt.IsZero(),
	}
	for i, u := range active {
		users[i].Managers = dir.Managers(u)
	}
	sortByEmail(rep.Users)
	if err := r.fillWeeksInARow(&rep, active, w, now); err != nil {
		return rep, err
	}
	res := r.SlackResolver()
	for i := range rep.Users {
		if !rep.Users[i].Flagged {
			res.Cached(&rep.Users[i])
		}
	}
	return rep, nil
}

// sortByEmail sorts users by lower-case email, stably, lowering each email
// once.
func sortByEmail(users []UserReport) {
	keys := make([]string, len(users))
	for i := range users {
		keys[i] = strings.ToLower(users[i].Email)
	}
	sort.Stable(byEmail{users, keys})
}

// byEmail sorts users by keys, their lower-case emails.
type byEmail struct {
	users []UserReport
	keys  []string
}

func (s byEmail) Len() int           { return len(s.users) }
func (s byEmail) Less(i, j int) bool { return s.keys[i] < s.keys[j] }
func (s byEmail) Swap(i, j int) {
	s.users[i], s.users[j] = s.users[j], s.users[i]
	s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
}

// userReport copies an evaluation into the report's shape.
func userReport(res weekly.Result, projects map[string]store.Project) UserReport {
	ur := UserReport{
		ClockifyUserID: res.UserID,
		Email:          res.Email,
		Name:           res.Name,
		TimeZone:       res.TimeZone,
		Hours:          res.Hours,
		TargetHours:    res.TargetHours,
		Flagged:        res.Flagged,
		Excluded:       res.Excluded,
		Reasons:        nonNil(res.Reasons),
		Days:           res.Days,
		DaysOff:        nonNil(res.DaysOff),
		Holidays:       res.Holidays,
		TimeOff:        res.TimeOff,
		BillableHours:  res.BillableHours,
	}
	if ur.Holidays == nil {
		ur.Holidays = []weekly.HolidayDay{}
	}
	if ur.TimeOff == nil {
		ur.TimeOff = []weekly.TimeOffDay{}
	}
	for _, ph := range res.Projects {
		pt := ProjectTotal{ProjectID: ph.ProjectID, Name: "No project", Hours: ph.Hours}
		if p, ok := projects[ph.ProjectID]; ok {
			pt.Name, pt.Client = p.Name, p.ClientName
		} else if ph.ProjectID != "" {
			pt.Name = "Unknown project"
		}
		ur.Projects = append(ur.Projects, pt)
	}
	return ur
}

// ProjectIndex returns the stored projects by id.
func (r *Builder) ProjectIndex() (map[string]store.Project, error) {
	ps, err := r.store.Projects()
	if err != nil {
		return nil, fmt.Errorf("read projects: %w", err)
	}
	out := make(map[string]store.Project, len(ps))
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Round2 rounds to 2 decimals.
func Round2(v float64) float64 { return math.Round(v*100) / 100 }
