package report

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/clockbot/clockbot/store"
)

// ProjectMatch is what a typed project name found. At most one of Project,
// Choices, Archived and Suggestions is set; all empty means nothing came
// close.
type ProjectMatch struct {
	// Project is the one project meant.
	Project *store.Project
	// Choices are the active projects that all match, best first.
	Choices []store.Project
	// Archived is an archived project with exactly the typed name, when no
	// active project matches.
	Archived *store.Project
	// Suggestions are up to maxSuggestions active projects with a name
	// close to the typed one, closest first, when none matches.
	Suggestions []store.Project
}

// maxSuggestions is how many close names a failed lookup suggests; longer
// queries than maxSuggestQueryRunes get none (no name is that long, and the
// distances would cost too much).
const (
	maxSuggestions       = 3
	maxSuggestQueryRunes = 120
)

// MatchProject finds the project meant by query among projects: by id (any
// project, so that Clockify itself can refuse an archived one), else by
// exact name, else by a unique substring of the name; names are compared
// case-insensitively and only among active projects.
func MatchProject(projects []store.Project, query string) ProjectMatch {
	q := strings.ToLower(strings.Join(strings.Fields(query), " "))
	if q == "" {
		return ProjectMatch{}
	}
	for i := range projects {
		if projects[i].ID == strings.TrimSpace(query) {
			return ProjectMatch{Project: &projects[i]}
		}
	}
	var exact, prefix, inside []store.Project
	for _, p := range projects {
		if p.Archived {
			continue
		}
		name := strings.ToLower(p.Name)
		switch {
		case name == q:
			exact = append(exact, p)
		case strings.HasPrefix(name, q):
			prefix = append(prefix, p)
		case strings.Contains(name, q):
			inside = append(inside, p)
		}
	}
	if len(exact) == 1 {
		return ProjectMatch{Project: &exact[0]}
	}
	if len(exact) > 1 { // the same name under several clients
		return ProjectMatch{Choices: sortProjects(exact)}
	}
	all := append(sortProjects(prefix), sortProjects(inside)...)
	if len(all) == 1 {
		return ProjectMatch{Project: &all[0]}
	}
	if len(all) > 1 {
		return ProjectMatch{Choices: all}
	}
	for i := range projects {
		if projects[i].Archived && strings.EqualFold(projects[i].Name, strings.TrimSpace(query)) {
			return ProjectMatch{Archived: &projects[i]}
		}
	}
	return ProjectMatch{Suggestions: SuggestProjects(projects, q, maxSuggestions)}
}

// sortProjects sorts by name, then client, then id.
func sortProjects(ps []store.Project) []store.Project {
	sort.SliceStable(ps, func(i, j int) bool { return projectLess(ps[i], ps[j]) })
	return ps
}

// projectLess orders projects by name (case-insensitively), client and id.
func projectLess(a, b store.Project) bool {
	if la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name); la != lb {
		return la < lb
	}
	if a.ClientName != b.ClientName {
		return a.ClientName < b.ClientName
	}
	return a.ID < b.ID
}

// SuggestProjects returns up to n active projects whose names are close
// to query (lower case): a small edit distance to the whole name, to one of
// its words or to its beginning, closest first. Queries shorter than three
// characters get no suggestions: everything would be close.
func SuggestProjects(projects []store.Project, query string, n int) []store.Project {
	q := strings.ToLower(strings.TrimSpace(query))
	qn := utf8.RuneCountInString(q)
	if qn < 3 || qn > maxSuggestQueryRunes || n <= 0 {
		return nil
	}
	limit := (qn + 2) / 3 // 1 typo in 3-4 letters, 2 in 5-7, ...
	type scored struct {
		p store.Project
		d int
	}
	var found []scored
	for _, p := range projects {
		if p.Archived {
			continue
		}
		if d := nameDistance(q, strings.ToLower(p.Name)); d <= limit {
			found = append(found, scored{p, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].d != found[j].d {
			return found[i].d < found[j].d
		}
		return projectLess(found[i].p, found[j].p)
	})
	var out []store.Project
	for _, s := range found[:min(n, len(found))] {
		out = append(out, s.p)
	}
	return out
}

// nameDistance is how far query is from name: the smallest edit distance
// to the name, to any of its words, or to its first len(query) runes.
func nameDistance(query, name string) int {
	d := editDistance(query, name)
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '/' }) {
		d = min(d, editDistance(query, w))
	}
	if r := []rune(name); len(r) > utf8.RuneCountInString(query) {
		d = min(d, editDistance(query, string(r[:utf8.RuneCountInString(query)])))
	}
	if utf8.RuneCountInString(name) >= 3 && strings.Contains(query, name) { // "design team" for "Design"
		d = min(d, 1)
	}
	return d
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
