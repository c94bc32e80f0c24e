package slacktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"
)

// maxModalStack is Slack's limit of stacked modals ("Currently the limit
// is 3").
const maxModalStack = 3

// storedView is a home tab or modal view the bot published or opened.
type storedView struct {
	id, user, hash     string
	externalID         string
	rootID, previousID string
	payload            json.RawMessage // as sent by the client
}

// trigger is a trigger_id handed out with an interaction.
type trigger struct {
	user   string
	used   bool
	issued time.Time
}

// triggerTTL is how long a trigger_id can be exchanged: "Triggers expire
// three seconds after being issued".
const triggerTTL = 3 * time.Second

// NewTriggerID registers and returns a trigger_id for userID, as Slack
// hands out with slash commands and interactions; views.open and
// views.push accept each trigger_id once. Send fills trigger_ids in by
// itself; call this only to call views.open outside an interaction.
func (s *Server) NewTriggerID(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newTriggerLocked(userID)
}

func (s *Server) newTriggerLocked(user string) string {
	s.seq["trigger"]++
	n := s.seq["trigger"]
	id := fmt.Sprintf("%d.%d.%08x", 1000000+n, s.now().Unix(), n*2654435761%(1<<32))
	s.triggers[id] = &trigger{user: user, issued: s.now()}
	return id
}

// View returns the home tab view last published for userID, as the client
// sent it.
func (s *Server) View(userID string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.homeViews[userID]
	if !ok {
		return nil, false
	}
	return slices.Clone(v.payload), true
}

// Modal returns the modal view on top of userID's modal stack (the one
// opened or pushed last, as last updated), as the client sent it.
func (s *Server) Modal(userID string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.topModalLocked(userID)
	if v == nil {
		return nil, false
	}
	return slices.Clone(v.payload), true
}

// viewParam reads the view argument, which must be a JSON object, and its
// external_id.
func viewParam(r *apiRequest) (raw json.RawMessage, externalID string, code string) {
	raw, ok := r.jsonParam("view")
	var fields map[string]any
	if !ok || raw == nil || json.Unmarshal(raw, &fields) != nil {
		return nil, "", "invalid_arguments"
	}
	externalID, _ = fields["external_id"].(string)
	return raw, externalID, ""
}

// externalIDTakenLocked reports whether another view uses externalID.
func (s *Server) externalIDTakenLocked(externalID, self string) bool {
	if externalID == "" {
		return false
	}
	for id, v := range s.views {
		if id != self && v.externalID == externalID {
			return true
		}
	}
	return false
}

// consumeTriggerLocked exchanges a trigger_id and returns its user.
func (s *Server) consumeTriggerLocked(id string) (string, string) {
	t, ok := s.triggers[id]
	switch {
	case !ok:
		return "", "invalid_trigger_id"
	case t.used:
		return "", "exchanged_trigger_id"
	case s.now().Sub(t.issued) > triggerTTL:
		return "", "expired_trigger_id"
	}
	t.used = true
	return t.user, ""
}

// storeViewLocked sets v's payload and a new hash and indexes it.
func (s *Server) storeViewLocked(v *storedView, payload json.RawMessage, externalID string) {
	s.seq["hash"]++
	v.payload, v.externalID = payload, externalID
	v.hash = fmt.Sprintf("%d.%08x", s.now().Unix(), s.seq["hash"])
	s.views[v.id] = v
}

// viewResponseLocked renders v as Slack's view answer.
func (s *Server) viewResponseLocked(v *storedView) response {
	out := map[string]any{}
	_ = json.Unmarshal(v.payload, &out)
	maps.Copy(out, map[string]any{
		"id":                    v.id,
		"team_id":               s.TeamID,
		"app_id":                s.AppID,
		"bot_id":                s.BotID,
		"app_installed_team_id": s.TeamID,
		"hash":                  v.hash,
		"external_id":           v.externalID,
		"root_view_id":          v.rootID,
		"previous_view_id":      nil,
		"state":                 map[string]any{"values": map[string]any{}},
	})
	if v.previousID != "" {
		out["previous_view_id"] = v.previousID
	}
	for _, k := range []string{"private_metadata", "callback_id"} {
		if _, ok := out[k]; !ok {
			out[k] = ""
		}
	}
	return response{"ok": true, "view": out}
}

// viewsPublish answers views.publish (user_id, view, hash).
func (s *Server) viewsPublish(r *apiRequest) response {
	user := r.get("user_id")
	if _, ok := s.userByID[user]; !ok {
		return errorResponse("user_not_found")
	}
	payload, externalID, code := viewParam(r)
	if code != "" {
		return errorResponse(code)
	}
	v, exists := s.homeViews[user]
	if !exists {
		id := s.nextIDLocked("V")
		v = &storedView{id: id, user: user, rootID: id}
	}
	if h := r.get("hash"); exists && h != "" && h != v.hash {
		return errorResponse("hash_conflict")
	}
	if s.externalIDTakenLocked(externalID, v.id) {
		return errorResponse("duplicate_external_id")
	}
	s.storeViewLocked(v, payload, externalID)
	s.homeViews[user] = v
	return s.viewResponseLocked(v)
}

// viewsOpen answers views.open (trigger_id, view): it starts a new modal
// stack for the user the trigger_id belongs to.
func (s *Server) viewsOpen(r *apiRequest) response {
	payload, externalID, code := viewParam(r)
	if code != "" {
		return errorResponse(code)
	}
	if s.externalIDTakenLocked(externalID, "") {
		return errorResponse("duplicate_external_id")
	}
	user, code := s.consumeTriggerLocked(r.get("trigger_id"))
	if code != "" {
		return errorResponse(code)
	}
	id := s.nextIDLocked("V")
	v := &storedView{id: id, user: user, rootID: id}
	s.storeViewLocked(v, payload, externalID)
	s.modals[user] = []string{id}
	return s.viewResponseLocked(v)
}

// viewsPush answers views.push (trigger_id, view): it pushes a modal onto
// the user's open stack.
func (s *Server) viewsPush(r *apiRequest) response {
	payload, externalID, code := viewParam(r)
	if code != "" {
		return errorResponse(code)
	}
	if s.externalIDTakenLocked(externalID, "") {
		return errorResponse("duplicate_external_id")
	}
	user, code := s.consumeTriggerLocked(r.get("trigger_id"))
	if code != "" {
		return errorResponse(code)
	}
	stack := s.modals[user]
	switch {
	case len(stack) == 0:
		return errorResponse("not_found")
	case len(stack) >= maxModalStack:
		return errorResponse("push_limit_reached")
	}
	v := &storedView{id: s.nextIDLocked("V"), user: user, rootID: stack[0], previousID: stack[len(stack)-1]}
	s.storeViewLocked(v, payload, externalID)
	s.modals[user] = append(stack, v.id)
	return s.viewResponseLocked(v)
}

// viewsUpdate answers views.update (view_id or external_id, view, hash).
func (s *Server) viewsUpdate(r *apiRequest) response {
	payload, externalID, code := viewParam(r)
	if code != "" {
		return errorResponse(code)
	}
	v := s.views[r.get("view_id")]
	if ext := r.get("external_id"); v == nil && ext != "" {
		for _, o := range s.views {
			if o.externalID == ext {
				v = o
			}
		}
	}
	if v == nil {
		return errorResponse("not_found")
	}
	if h := r.get("hash"); h != "" && h != v.hash {
		return errorResponse("hash_conflict")
	}
	if externalID == "" {
		externalID = v.externalID
	}
	if s.externalIDTakenLocked(externalID, v.id) {
		return errorResponse("duplicate_external_id")
	}
	s.storeViewLocked(v, payload, externalID)
	return s.viewResponseLocked(v)
}
