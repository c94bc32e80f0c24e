package commands

import (
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
)

// matchProject is report.MatchProject, the one project matching of /tt
// start, /tt log and the Log time modal.
func matchProject(projects []store.Project, query string) report.ProjectMatch {
	return report.MatchProject(projects, query)
}

// suggestProjects is report.SuggestProjects.
func suggestProjects(projects []store.Project, query string, n int) []store.Project {
	return report.SuggestProjects(projects, query, n)
}
