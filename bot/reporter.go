package bot

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// ReportConfig holds the report defaults from the environment.
type ReportConfig struct {
	Params   weekly.Params      // workdays, minimum hours, hours per day, default zone
	Exclude  []string           // REPORT_EXCLUDE: emails never flagged
	Targets  map[string]float64 // REPORT_TARGETS: email -> weekly hours
	Managers []string           // REPORT_MANAGERS: Slack ids or emails, the last resort
}

// SlackDirectory finds the Slack user of an email address. It returns ""
// and no error when Slack has no such user.
type SlackDirectory interface {
	LookupEmail(ctx context.Context, email string) (string, error)
}

// Reporter computes weekly reports from the store.
type Reporter struct {
	store *store.Store
	cfg   ReportConfig
	dir   SlackDirectory // nil: no Slack, ids stay empty
	log   *slog.Logger
}

// NewReporter returns a Reporter. dir may be nil.
func NewReporter(st *store.Store, cfg ReportConfig, dir SlackDirectory, log *slog.Logger) *Reporter {
	return &Reporter{store: st, cfg: cfg, dir: dir, log: log.With("component", "report")}
}

// Settings returns the settings in force: the stored ones over the
// environment's defaults.
func (r *Reporter) Settings() (minHours float64, exclude map[string]bool, targets map[string]float64, err error) {
	var s ReportSettings
	if _, err := r.store.Setting(settingsKey, &s); err != nil {
		return 0, nil, nil, fmt.Errorf("read report settings: %w", err)
	}
	minHours = r.cfg.Params.MinHours
	if s.MinHours != nil {
		minHours = *s.MinHours
	}
	excl := r.cfg.Exclude
	if s.ExcludeSet {
		excl = s.Exclude
	}
	exclude = make(map[string]bool, len(excl))
	for _, e := range excl {
		exclude[strings.ToLower(e)] = true
	}
	targets = make(map[string]float64)
	src := r.cfg.Targets
	if s.TargetsSet {
		src = s.Targets
	}
	for k, v := range src {
		targets[strings.ToLower(k)] = v
	}
	return minHours, exclude, targets, nil
}

// Build computes the report of week w at now from the store: every ACTIVE
// workspace member, flagged or not, sorted by email. Slack lookups that fail
// leave ids empty; the first failure is returned as warn so callers can say
// so once.
func (r *Reporter) Build(ctx context.Context, w weekly.Week, now time.Time) (rep Report, warn error, err error) {
	params := r.cfg.Params
	params.Now = now
	minHours, exclude, targets, err := r.Settings()
	if err != nil {
		return rep, nil, err
	}
	params.MinHours = minHours

	dir, err := r.directory()
	if err != nil {
		return rep, nil, err
	}
	users := dir.users
	from, to := w.Bounds()
	byUser := make(map[string][]store.Entry, len(users))
	if err := r.store.ForEachEntry(from, to, func(e store.Entry) error {
		byUser[e.UserID] = append(byUser[e.UserID], e)
		return nil
	}); err != nil {
		return rep, nil, fmt.Errorf("read entries: %w", err)
	}
	running, err := r.store.Running()
	if err != nil {
		return rep, nil, fmt.Errorf("read running timers: %w", err)
	}
	for _, e := range running {
		byUser[e.UserID] = append(byUser[e.UserID], e)
	}
	holidays, err := r.store.Holidays()
	if err != nil {
		return rep, nil, fmt.Errorf("read holidays: %w", err)
	}
	timeOff, err := r.store.TimeOff(from, to)
	if err != nil {
		return rep, nil, fmt.Errorf("read time off: %w", err)
	}
	status, err := r.store.SyncStatus()
	if err != nil {
		return rep, nil, fmt.Errorf("read sync status: %w", err)
	}
	offByUser := make(map[string][]store.TimeOff)
	for _, t := range timeOff {
		offByUser[t.UserID] = append(offByUser[t.UserID], t)
	}

	utcStart := w.Start(time.UTC)
	rep = Report{
		Week:        w.String(),
		From:        utcStart.Format("2006-01-02"),
		To:          utcStart.AddDate(0, 0, 6).Format("2006-01-02"),
		GeneratedAt: now.UTC().Truncate(time.Second),
		Users:       []UserReport{},

		DaysOffUnavailable: !status.TimeOffUnavailableAt.IsZero(),
	}
	ev := weekly.NewEvaluator()
	for _, u := range users {
		if u.Status != "ACTIVE" {
			continue
		}
		p := weekly.Person{User: u, Excluded: exclude[strings.ToLower(u.Email)]}
		if t, ok := targets[strings.ToLower(u.Email)]; ok {
			p.TargetHours = &t
		}
		res := ev.Evaluate(p, w, byUser[u.ID], holidays, offByUser[u.ID], params)
		ur := userReport(res, dir.projects)
		ur.Managers, err = r.managers(u, dir)
		if err != nil {
			return rep, nil, err
		}
		rep.Users = append(rep.Users, ur)
	}
	sort.SliceStable(rep.Users, func(i, j int) bool {
		return strings.ToLower(rep.Users[i].Email) < strings.ToLower(rep.Users[j].Email)
	})
	warn = r.resolveSlack(ctx, &rep)
	return rep, warn, nil
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

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// round2 rounds to 2 decimals.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
