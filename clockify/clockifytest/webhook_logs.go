package clockifytest

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// parseWebhookPage reads page (default 0) and size (default 50, at least
// 1) as the webhook statuses and logs operations define them.
func parseWebhookPage(q url.Values) (page, error) {
	pg := q.Get("page")
	if pg == "0" { // the document's default: the first page
		pg = "1"
	}
	p, err := parsePage(url.Values{"page": {cmp.Or(pg, "1")}, "page-size": {cmp.Or(q.Get("size"), "50")}}, 50, maxPageSize)
	if err != nil {
		return p, fmt.Errorf("page or size: %w", err)
	}
	return p, nil
}

func (s *Server) handleWebhookStatuses(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parseWebhookPage(q)
	if err == nil {
		err = checkEnum(q, "statuses", "SUCCEEDED", "RETRYING", "FAILED")
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	want := q.Get("statuses")
	s.withWebhook(w, r, func(ws *workspace, h *hookState) func() {
		var out []wireWebhookStatus
		for i := len(h.statuses) - 1; i >= 0; i-- { // newest first
			if st := h.statuses[i]; want == "" || st.Status == want {
				out = append(out, st)
			}
		}
		pg, _ := slicePage(out, p)
		pg = append([]wireWebhookStatus{}, pg...)
		return func() { writeJSON(w, http.StatusOK, pg) }
	})
}

func (s *Server) handleWebhookLogs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parseWebhookPage(q)
	var body wireWebhookLogSearch
	if err == nil {
		err = decodeBody(r, &body)
	}
	var from, to time.Time
	if err == nil && body.From != "" {
		from, err = parseInstant("from", body.From)
	}
	if err == nil && body.To != "" {
		to, err = parseInstant("to", body.To)
	}
	if err == nil && body.Status != "" && !slices.Contains([]string{"ALL", "SUCCEEDED", "FAILED"}, body.Status) {
		err = fmt.Errorf("status must be one of [ALL SUCCEEDED FAILED], got %q", body.Status)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.withWebhook(w, r, func(ws *workspace, h *hookState) func() {
		out := []wireWebhookLog{}
		for _, st := range h.statuses {
			at, _ := time.Parse(time.RFC3339Nano, st.RespondedAt)
			if !from.IsZero() && at.Before(from) || !to.IsZero() && at.After(to) ||
				body.Status == "SUCCEEDED" && st.Status != "SUCCEEDED" || body.Status == "FAILED" && st.Status == "SUCCEEDED" {
				continue
			}
			out = append(out, wireWebhookLog{ID: st.WebhookLogID, RequestBody: st.RequestBody, RespondedAt: st.RespondedAt,
				ResponseBody: st.ResponseBody, StatusCode: st.StatusCode, WebhookEventStatusID: st.ID, WebhookID: h.ID})
		}
		if body.SortByNewest {
			slices.Reverse(out)
		}
		pg, _ := slicePage(out, p)
		pg = append([]wireWebhookLog{}, pg...)
		return func() { writeJSON(w, http.StatusOK, pg) }
	})
}
