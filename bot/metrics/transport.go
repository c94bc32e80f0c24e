package metrics

import (
	"net/http"
	"strconv"
	"strings"
)

// Transport is an http.RoundTripper that counts Clockify requests by route
// and status in clockbot_clockify_requests_total. Install it in the
// http.Client given to clockify.WithHTTPClient:
//
//	hc := &http.Client{Timeout: 10 * time.Second, Transport: m.Transport(nil)}
type Transport struct {
	m    *Metrics
	next http.RoundTripper
}

// Transport wraps next (http.DefaultTransport when nil).
func (m *Metrics) Transport(next http.RoundTripper) *Transport {
	if next == nil {
		next = http.DefaultTransport
	}
	return &Transport{m: m, next: next}
}

// RoundTrip sends r and counts it; a request without an answer counts with
// code "0".
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(r)
	if t.m != nil {
		code := "0"
		if err == nil {
			code = strconv.Itoa(resp.StatusCode)
		}
		t.m.clockifyRequests.WithLabelValues(r.Method+" "+Route(r.URL.Path), code).Inc()
	}
	return resp, err
}

// idSegments are the path segments after which Clockify puts an id.
var idSegments = map[string]bool{
	"workspaces": true, "user": true, "users": true, "projects": true, "webhooks": true,
	"time-entries": true, "user-groups": true, "holidays": true, "requests": true,
}

// fixedSegments are segments that follow an id-taking segment but are not
// ids.
var fixedSegments = map[string]bool{"status": true, "in-progress": true, "in-period": true, "requests": true}

// Route returns path with its ids replaced by {id}, so that the label has
// few values: /api/v1/workspaces/ab12/user/cd34/time-entries becomes
// /api/v1/workspaces/{id}/user/{id}/time-entries.
func Route(path string) string {
	segs := strings.Split(path, "/")
	for i := 1; i < len(segs); i++ {
		if idSegments[segs[i-1]] && segs[i] != "" && !fixedSegments[segs[i]] {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}
