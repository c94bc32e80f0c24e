package slacktest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// response is the JSON object a Web API method answers.
type response map[string]any

// errorResponse is Slack's error answer {"ok":false,"error":code}.
func errorResponse(code string) response {
	return response{"ok": false, "error": code}
}

// apiRequest is a parsed Web API request.
type apiRequest struct {
	method string
	params url.Values
	json   map[string]any
	token  string
}

// get returns the parameter key ("" when absent).
func (r *apiRequest) get(key string) string { return r.params.Get(key) }

// flag reports whether the boolean parameter key is set ("true" or "1").
func (r *apiRequest) flag(key string) bool {
	v, _ := strconv.ParseBool(r.params.Get(key))
	return v
}

// intParam returns the integer parameter key, 0 when absent or invalid.
func (r *apiRequest) intParam(key string) int {
	v, _ := strconv.Atoi(r.params.Get(key))
	return v
}

// jsonParam returns the parameter key as JSON: slack-go sends blocks,
// views and metadata as JSON text in form values and as nested values in
// JSON bodies; both arrive here as JSON text. ok is false when the
// parameter is present but not valid JSON; raw is nil when it is absent.
func (r *apiRequest) jsonParam(key string) (raw json.RawMessage, ok bool) {
	v := r.params.Get(key)
	if v == "" {
		return nil, true
	}
	if !json.Valid([]byte(v)) {
		return nil, false
	}
	return compact(v), true
}

// compact removes insignificant space from valid JSON text.
func compact(v string) json.RawMessage {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(v)); err != nil {
		return json.RawMessage(v)
	}
	return b.Bytes()
}

// parseAPIRequest reads the method, parameters and token of r. It returns
// a Slack error code when the body cannot be parsed.
func parseAPIRequest(r *http.Request) (*apiRequest, string) {
	req := &apiRequest{method: r.PathValue("method"), params: url.Values{}}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return req, "invalid_json"
		}
		if len(strings.TrimSpace(string(body))) > 0 {
			if err := json.Unmarshal(body, &req.json); err != nil {
				return req, "invalid_json"
			}
		}
		for k, v := range r.URL.Query() {
			req.params[k] = v
		}
		for k, v := range req.json {
			if s, ok := flatten(v); ok {
				req.params.Set(k, s)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return req, "invalid_form_data"
		}
		req.params = r.Form
	default:
		if err := r.ParseForm(); err != nil {
			return req, "invalid_form_data"
		}
		req.params = r.Form
	}
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		req.token = strings.TrimSpace(auth)
	} else {
		req.token = req.params.Get("token")
	}
	return req, ""
}

// flatten renders a JSON value as a form value.
func flatten(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	default:
		return string(marshal(v)), true
	}
}

// writeJSON writes v as the JSON answer with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(marshal(v))
}

// method is one Web API method of the fake.
type method struct {
	handle func(s *Server, r *apiRequest) response
	// appToken says the method takes the app-level token, not the bot's.
	appToken bool
}

// newMethods returns the Web API methods the fake implements, by name.
func newMethods() map[string]method {
	bot := func(h func(*Server, *apiRequest) response) method { return method{handle: h} }
	return map[string]method{
		"auth.test":             bot((*Server).authTest),
		"apps.connections.open": {handle: (*Server).appsConnectionsOpen, appToken: true},
		"users.lookupByEmail":   bot((*Server).usersLookupByEmail),
		"users.info":            bot((*Server).usersInfo),
		"users.list":            bot((*Server).usersList),
		"conversations.open":    bot((*Server).conversationsOpen),
		"conversations.create":  bot((*Server).conversationsCreate),
		"conversations.invite":  bot((*Server).conversationsInvite),
		"conversations.kick":    bot((*Server).conversationsKick),
		"conversations.members": bot((*Server).conversationsMembers),
		"conversations.list":    bot((*Server).conversationsList),
		"conversations.history": bot((*Server).conversationsHistory),
		"conversations.info":    bot((*Server).conversationsInfo),
		"chat.postMessage":      bot((*Server).chatPostMessage),
		"chat.update":           bot((*Server).chatUpdate),
		"chat.postEphemeral":    bot((*Server).chatPostEphemeral),
		"chat.delete":           bot((*Server).chatDelete),
		"chat.getPermalink":     bot((*Server).chatGetPermalink),
		"views.publish":         bot((*Server).viewsPublish),
		"views.open":            bot((*Server).viewsOpen),
		"views.update":          bot((*Server).viewsUpdate),
		"views.push":            bot((*Server).viewsPush),
	}
}

// serveAPI is the entry point of every Web API request: it records the
// call, applies faults, checks the method and the token, and dispatches.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	req, parseErr := parseAPIRequest(r)
	s.mu.Lock()
	call := s.recordLocked(Call{Method: req.method, Params: req.params, JSON: req.json, At: s.now()})
	f := s.takeFaultLocked(req.method)
	if f != nil && f.kind != faultLoseReply {
		s.settleLocked(call)
	}
	s.mu.Unlock()
	settle := func() {
		s.mu.Lock()
		s.settleLocked(call)
		s.mu.Unlock()
	}

	if f != nil && f.kind != faultLoseReply {
		s.applyFault(w, r, f)
		return
	}
	if parseErr != "" {
		settle()
		writeJSON(w, http.StatusOK, errorResponse(parseErr))
		return
	}
	m, ok := s.methods[req.method]
	if !ok {
		settle()
		writeJSON(w, http.StatusOK, errorResponse("unknown_method"))
		return
	}

	s.mu.Lock()
	var resp response
	if code := s.authErrorLocked(req.token, m.appToken); code != "" {
		resp = errorResponse(code)
	} else if secs := s.rateLimitLocked(req.method, req.get("channel")); secs > 0 {
		s.settleLocked(call)
		s.mu.Unlock()
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		writeJSON(w, http.StatusTooManyRequests, errorResponse("ratelimited"))
		return
	} else if needed := s.missingScopeLocked(req); needed != nil {
		resp = s.missingScopeResponse(needed)
	} else if arg, code := missingArg(req.method, req); arg != "" {
		resp = errorResponse(code)
		resp["response_metadata"] = map[string]any{"messages": []string{"[ERROR] missing required field: " + arg}}
	} else {
		resp = m.handle(s, req)
		s.notifyLocked()
	}
	s.settleLocked(call)
	s.mu.Unlock()
	if f != nil { // faultLoseReply: done, but the answer never arrives
		panic(http.ErrAbortHandler)
	}
	s.setScopesHeader(w, req.token)
	writeJSON(w, http.StatusOK, resp)
}

// authErrorLocked checks token against the token the method takes and
// returns a Slack error code, or "" when it is accepted.
func (s *Server) authErrorLocked(token string, appToken bool) string {
	want := s.BotToken
	if appToken {
		want = s.AppToken
	}
	switch {
	case token == "":
		return "not_authed"
	case s.revoked[token]:
		return "token_revoked"
	case token != want:
		return "invalid_auth"
	}
	return ""
}

// authTest answers auth.test with the bot's identity.
func (s *Server) authTest(*apiRequest) response {
	return response{
		"ok":                    true,
		"url":                   "https://fake.slack.com/",
		"team":                  "Fake Team",
		"user":                  s.userByID[s.BotUserID].Name,
		"team_id":               s.TeamID,
		"user_id":               s.BotUserID,
		"bot_id":                s.BotID,
		"is_enterprise_install": false,
	}
}
