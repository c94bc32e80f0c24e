package clockifytest

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"unicode/utf8"
)

// Clockify's webhook limits.
const (
	// MaxWebhooksPerAdmin is how many webhooks one admin may create.
	MaxWebhooksPerAdmin = 10
	// MaxWebhooksPerWorkspace is how many webhooks a workspace may hold.
	MaxWebhooksPerWorkspace = 100
	msgWebhookLimit         = "Webhook limit reached"
	msgNoSuchWebhook        = "Webhook not found"
)

// webhookEvents is the document's WebhookEventType enum.
var webhookEvents = []string{
	"NEW_PROJECT", "NEW_TASK", "NEW_CLIENT", "NEW_TIMER_STARTED", "TIMER_STOPPED",
	"TIME_ENTRY_UPDATED", "TIME_ENTRY_DELETED", "TIME_ENTRY_SPLIT", "NEW_TIME_ENTRY",
	"TIME_ENTRY_RESTORED", "NEW_TAG", "USER_DELETED_FROM_WORKSPACE", "USER_JOINED_WORKSPACE",
	"USER_DEACTIVATED_ON_WORKSPACE", "USER_ACTIVATED_ON_WORKSPACE", "USER_EMAIL_CHANGED",
	"USER_UPDATED", "NEW_INVOICE", "INVOICE_UPDATED", "NEW_APPROVAL_REQUEST",
	"APPROVAL_REQUEST_STATUS_UPDATED", "TIME_OFF_REQUESTED", "TIME_OFF_REQUEST_UPDATED",
	"TIME_OFF_REQUEST_APPROVED", "TIME_OFF_REQUEST_REJECTED", "TIME_OFF_REQUEST_STARTED",
	"TIME_OFF_REQUEST_WITHDRAWN", "BALANCE_UPDATED", "TAG_UPDATED", "TAG_DELETED",
	"TASK_UPDATED", "CLIENT_UPDATED", "TASK_DELETED", "CLIENT_DELETED", "EXPENSE_RESTORED",
	"ASSIGNMENT_CREATED", "ASSIGNMENT_DELETED", "ASSIGNMENT_PUBLISHED", "ASSIGNMENT_UPDATED",
	"EXPENSE_CREATED", "EXPENSE_DELETED", "EXPENSE_UPDATED", "PROJECT_UPDATED",
	"PROJECT_DELETED", "USER_GROUP_CREATED", "USER_GROUP_UPDATED", "USER_GROUP_DELETED",
	"USERS_INVITED_TO_WORKSPACE", "LIMITED_USERS_ADDED_TO_WORKSPACE", "COST_RATE_UPDATED",
	"BILLABLE_RATE_UPDATED",
}

// triggerSourceTypes is the document's WebhookEventTriggerSourceType enum.
var triggerSourceTypes = []string{"PROJECT_ID", "USER_ID", "TAG_ID", "TASK_ID", "WORKSPACE_ID", "ASSIGNMENT_ID", "EXPENSE_ID"}

// Webhook is a webhook of the default workspace. UserID is the admin who
// created it (the key's owner for webhooks created through the API).
type Webhook struct {
	ID, Name, URL, Event, UserID, Token string
	TriggerSourceType                   string
	TriggerSource                       []string
	// DeliveryDisabled stops deliveries, as Clockify does after too many
	// failures.
	DeliveryDisabled bool
}

// hookState is one webhook with its delivery history.
type hookState struct {
	Webhook
	statuses []wireWebhookStatus
}

// AddWebhook adds h to the default workspace as if an admin had created it
// (the key's owner when h.UserID is empty), regardless of the limits; an
// empty id or token is generated. It returns the id.
func (s *Server) AddWebhook(h Webhook) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h.ID == "" {
		h.ID = s.st.newID("wh")
	}
	if h.UserID == "" {
		h.UserID = s.st.owner.ID
	}
	if h.Token == "" {
		h.Token = s.newToken(h.ID)
	}
	if h.TriggerSourceType == "" {
		h.TriggerSourceType = "WORKSPACE_ID"
		h.TriggerSource = []string{s.st.primary}
	}
	s.hooksOf(s.st.primary)[h.ID] = &hookState{Webhook: h}
	return h.ID
}

// Webhooks returns the webhooks of the default workspace, by id.
func (s *Server) Webhooks() []Webhook {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Webhook
	for _, h := range s.hooks[s.st.primary] {
		w := h.Webhook
		w.TriggerSource = slices.Clone(w.TriggerSource)
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b Webhook) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// hooksOf returns the webhooks of workspace wsID. Callers hold s.mu for
// writing when they may add the first one.
func (s *Server) hooksOf(wsID string) map[string]*hookState {
	if s.hooks == nil {
		s.hooks = map[string]map[string]*hookState{}
	}
	m, ok := s.hooks[wsID]
	if !ok {
		m = map[string]*hookState{}
		s.hooks[wsID] = m
	}
	return m
}

// newToken returns a fresh webhook token. Callers hold s.mu.
func (s *Server) newToken(id string) string {
	return fmt.Sprintf("whsec-%s-%s", id, s.st.newID("t"))
}

// checkWebhookRequest validates a create or update body as the document
// does: the four required fields, the enums, the URL and the name length.
func checkWebhookRequest(b wireWebhookRequest) error {
	switch {
	case b.URL == nil:
		return errors.New("url: must not be null")
	case b.WebhookEvent == nil:
		return errors.New("webhookEvent: must not be null")
	case b.TriggerSourceType == nil:
		return errors.New("triggerSourceType: must not be null")
	case b.TriggerSource == nil:
		return errors.New("triggerSource: must not be null")
	}
	if !slices.Contains(webhookEvents, *b.WebhookEvent) {
		return fmt.Errorf("webhookEvent must be one of the WebhookEventType values, got %q", *b.WebhookEvent)
	}
	if !slices.Contains(triggerSourceTypes, *b.TriggerSourceType) {
		return fmt.Errorf("triggerSourceType must be one of %v, got %q", triggerSourceTypes, *b.TriggerSourceType)
	}
	u, err := url.Parse(*b.URL)
	if *b.URL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("url must be an absolute http(s) URL, got %q", *b.URL)
	}
	if b.Name != nil {
		if n := utf8.RuneCountInString(*b.Name); n < 2 || n > 30 {
			return fmt.Errorf("name: size must be between 2 and 30, got %d characters", n)
		}
	}
	return nil
}

func (s *Server) handleListWebhooks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkEnum(q, "type", "USER_CREATED", "SYSTEM", "ADDON"); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.view(w, r, func(ws *workspace) func() {
		hooks := s.hooks[ws.id]
		out := struct {
			Webhooks              []wireWebhook `json:"webhooks"`
			WorkspaceWebhookCount int           `json:"workspaceWebhookCount"`
		}{Webhooks: []wireWebhook{}, WorkspaceWebhookCount: len(hooks)}
		if t := q.Get("type"); t == "" || t == "USER_CREATED" {
			for _, h := range hooks {
				out.Webhooks = append(out.Webhooks, toWireWebhook(ws.id, h))
			}
		}
		slices.SortFunc(out.Webhooks, func(a, b wireWebhook) int { return cmp.Compare(a.ID, b.ID) })
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}

func (s *Server) handleCreateWebhook(w http.ResponseWriter, r *http.Request) {
	var body wireWebhookRequest
	err := decodeBody(r, &body)
	if err == nil {
		err = checkWebhookRequest(body)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.update(w, r, func(ws *workspace) func() {
		hooks := s.hooksOf(ws.id)
		mine := 0
		for _, h := range hooks {
			if h.UserID == s.st.owner.ID {
				mine++
			}
		}
		if mine >= MaxWebhooksPerAdmin || len(hooks) >= MaxWebhooksPerWorkspace {
			return func() { writeError(w, http.StatusBadRequest, msgWebhookLimit) }
		}
		id := s.st.newID("wh")
		h := &hookState{Webhook: Webhook{
			ID: id, URL: *body.URL, Event: *body.WebhookEvent, UserID: s.st.owner.ID, Token: s.newToken(id),
			TriggerSourceType: *body.TriggerSourceType, TriggerSource: slices.Clone(*body.TriggerSource),
		}}
		if body.Name != nil {
			h.Name = *body.Name
		}
		hooks[id] = h
		out := toWireWebhook(ws.id, h)
		return func() { writeJSON(w, http.StatusCreated, out) }
	})
}

// withWebhook runs fn on the request's webhook under the write lock and
// writes what it returns; an unknown webhook is a 404.
func (s *Server) withWebhook(w http.ResponseWriter, r *http.Request, fn func(ws *workspace, h *hookState) func()) {
	s.update(w, r, func(ws *workspace) func() {
		h, ok := s.hooks[ws.id][r.PathValue("webhookId")]
		if !ok {
			return func() { writeError(w, http.StatusNotFound, msgNoSuchWebhook) }
		}
		return fn(ws, h)
	})
}

func (s *Server) handleGetWebhook(w http.ResponseWriter, r *http.Request) {
	s.withWebhook(w, r, func(ws *workspace, h *hookState) func() {
		out := toWireWebhook(ws.id, h)
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}

func (s *Server) handleUpdateWebhook(w http.ResponseWriter, r *http.Request) {
	var body wireWebhookRequest
	err := decodeBody(r, &body)
	if err == nil {
		err = checkWebhookRequest(body)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.withWebhook(w, r, func(ws *workspace, h *hookState) func() {
		h.URL, h.Event = *body.URL, *body.WebhookEvent
		h.TriggerSourceType, h.TriggerSource = *body.TriggerSourceType, slices.Clone(*body.TriggerSource)
		if body.Name != nil {
			h.Name = *body.Name
		}
		out := toWireWebhook(ws.id, h)
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}

func (s *Server) handleDeleteWebhook(w http.ResponseWriter, r *http.Request) {
	s.withWebhook(w, r, func(ws *workspace, h *hookState) func() {
		delete(s.hooks[ws.id], h.ID)
		return func() { w.WriteHeader(http.StatusOK) }
	})
}

func (s *Server) handleWebhookToken(w http.ResponseWriter, r *http.Request) {
	s.withWebhook(w, r, func(ws *workspace, h *hookState) func() {
		h.Token = s.newToken(h.ID)
		out := toWireWebhook(ws.id, h)
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}
