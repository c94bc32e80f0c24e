package clockifytest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"
)

// response is an answer of the fake as a plain HTTP client sees it.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// call sends a request with the server's API key. body is marshalled to
// JSON unless it is a string or nil.
func call(t testing.TB, s *Server, method, path string, body any) response {
	t.Helper()
	return callWithKey(t, s, s.APIKey, method, path, body)
}

func callWithKey(t testing.TB, s *Server, key, method, path string, body any) response {
	t.Helper()
	r, err := send(t.Context(), s, key, method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// send is call without a testing.TB, for use in other goroutines.
func send(ctx context.Context, s *Server, key, method, path string, body any) (response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return response{}, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, rd)
	if err != nil {
		return response{}, err
	}
	if key != "" {
		req.Header.Set("X-Api-Key", key)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: raw}, nil
}

// decode unmarshals the body into v and fails on a non-2xx status.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if r.Status/100 != 2 {
		t.Fatalf("status %d, want 2xx; body %s", r.Status, r.Body)
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// wantError checks an error answer's status and Clockify-style message.
func (r response) wantError(t *testing.T, status int, msg string) {
	t.Helper()
	var e struct {
		Message string `json:"message"`
		Code    int    `json:"code"`
	}
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
	if err := json.Unmarshal(r.Body, &e); err != nil {
		t.Fatalf("error body %s: %v", r.Body, err)
	}
	if msg != "" && e.Message != msg {
		t.Errorf("message = %q, want %q", e.Message, msg)
	}
	if e.Code == 0 {
		t.Errorf("error body %s has no code", r.Body)
	}
}

// objects decodes a JSON array of objects.
func (r response) objects(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	r.decode(t, &out)
	return out
}

// ids lists the "id" (or "_id") of objects.
func ids(objs []map[string]any) []string {
	out := []string{}
	for _, o := range objs {
		if id, ok := o["id"].(string); ok {
			out = append(out, id)
		} else {
			out = append(out, o["_id"].(string))
		}
	}
	return out
}

func assertEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s mismatch (-want +got):\n-%v\n+%v", what, want, got)
	}
}

func ptr[T any](v T) *T { return &v }

// day returns 2026-11-d hh:mm UTC.
func day(d, hh, mm int) time.Time { return time.Date(2026, 11, d, hh, mm, 0, 0, time.UTC) }

// fixedClock is a clock for WithClock.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }
