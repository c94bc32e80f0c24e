package report

import (
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/store"
)

// ProjectLabel is the escaped name of a project; ok is false for no
// project. A project the store does not know yet is "a new project".
func ProjectLabel(st *store.Store, projectID string) (string, bool) {
	if projectID == "" {
		return "", false
	}
	p, ok, err := st.Project(projectID)
	if err != nil || !ok {
		return "a new project", true
	}
	return ProjectName(p), true
}

// ProjectName is a project's name made safe for mrkdwn.
func ProjectName(p store.Project) string {
	return slackui.EscapeMrkdwn(slackui.Clean(p.Name, slackui.MaxNameRunes))
}
