package slacktest

import "fmt"

// setDefault sets m[key] to v unless it already holds a non-empty value.
func setDefault(m map[string]any, key string, v any) {
	setDefaultFunc(m, key, func() any { return v })
}

// setDefaultFunc is setDefault computing the value only when it is needed.
func setDefaultFunc(m map[string]any, key string, v func() any) {
	if old, ok := m[key]; !ok || old == nil || old == "" {
		m[key] = v()
	}
}

// fillPayloadLocked adds to a payload what Slack would: identities,
// trigger_ids, response_urls, channels and views.
func (s *Server) fillPayloadLocked(typ string, p map[string]any) map[string]any {
	setDefault(p, "api_app_id", s.AppID)
	setDefault(p, "token", "fake-verification-token")
	switch typ {
	case TypeSlashCommands:
		s.fillSlashLocked(p)
	case TypeInteractive:
		s.fillInteractiveLocked(p)
	case TypeEventsAPI:
		s.fillEventLocked(p)
	}
	return p
}

func (s *Server) fillSlashLocked(p map[string]any) {
	user, _ := p["user_id"].(string)
	setDefault(p, "team_id", s.TeamID)
	setDefault(p, "team_domain", "fake")
	setDefault(p, "is_enterprise_install", false)
	if u, ok := s.userByID[user]; ok {
		setDefault(p, "user_name", u.Name)
	}
	if ch, _ := p["channel_id"].(string); ch == "" {
		if _, ok := s.userByID[user]; ok && user != s.BotUserID {
			c, _ := s.openIMLocked(user)
			p["channel_id"] = c.ID
			setDefault(p, "channel_name", "directmessage")
		}
	} else if c, ok := s.convByID[ch]; ok && c.Kind == KindChannel {
		setDefault(p, "channel_name", c.Name)
	}
	setDefaultFunc(p, "trigger_id", func() any { return s.newTriggerLocked(user) })
	setDefaultFunc(p, "response_url", func() any { return s.newResponseURLLocked() })
}

func (s *Server) fillInteractiveLocked(p map[string]any) {
	u, _ := p["user"].(map[string]any)
	user := ""
	if u != nil {
		user, _ = u["id"].(string)
		if known, ok := s.userByID[user]; ok {
			setDefault(u, "username", known.Name)
			setDefault(u, "name", known.Name)
		}
		setDefault(u, "team_id", s.TeamID)
	}
	setDefault(p, "team", map[string]any{"id": s.TeamID, "domain": "fake"})
	setDefault(p, "is_enterprise_install", false)
	setDefaultFunc(p, "trigger_id", func() any { return s.newTriggerLocked(user) })
	switch p["type"] {
	case "block_actions":
		now := formatTS(s.now().UnixMicro())
		if actions, ok := p["actions"].([]any); ok {
			for _, a := range actions {
				if a, ok := a.(map[string]any); ok {
					setDefault(a, "action_ts", now)
				}
			}
		}
		container, _ := p["container"].(map[string]any)
		if _, hasView := p["view"]; hasView || container == nil || container["type"] != "view" {
			return
		}
		v := s.topModalLocked(user)
		if v == nil {
			v = s.homeViews[user]
		}
		if v != nil {
			p["view"] = s.viewResponseLocked(v)["view"]
			container["view_id"] = v.id
		}
	case "view_submission":
		view, _ := p["view"].(map[string]any)
		if view == nil {
			return
		}
		if v := s.topModalLocked(user); v != nil {
			setDefault(view, "id", v.id)
			setDefault(view, "hash", v.hash)
			setDefault(view, "root_view_id", v.rootID)
		}
		setDefaultFunc(view, "id", func() any { return s.nextIDLocked("V") })
		setDefault(view, "team_id", s.TeamID)
		setDefault(view, "app_id", s.AppID)
		setDefault(view, "bot_id", s.BotID)
	}
}

func (s *Server) fillEventLocked(p map[string]any) {
	s.seq["event"]++
	now := s.now()
	setDefault(p, "type", "event_callback")
	setDefault(p, "team_id", s.TeamID)
	setDefault(p, "event_id", fmt.Sprintf("Ev%08d", s.seq["event"]))
	setDefault(p, "event_time", now.Unix())
	ev, _ := p["event"].(map[string]any)
	if ev == nil {
		return
	}
	setDefault(ev, "event_ts", formatTS(now.UnixMicro()))
	if ev["type"] != "app_home_opened" {
		return
	}
	user, _ := ev["user"].(string)
	if _, ok := s.userByID[user]; ok && user != s.BotUserID {
		c, _ := s.openIMLocked(user)
		setDefault(ev, "channel", c.ID)
	}
	if v, ok := s.homeViews[user]; ok {
		setDefaultFunc(ev, "view", func() any { return s.viewResponseLocked(v)["view"] })
	}
}

// topModalLocked returns the modal on top of user's stack, or nil.
func (s *Server) topModalLocked(user string) *storedView {
	stack := s.modals[user]
	if len(stack) == 0 {
		return nil
	}
	return s.views[stack[len(stack)-1]]
}
