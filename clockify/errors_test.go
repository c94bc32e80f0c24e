package clockify

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

func TestErrorDecoding(t *testing.T) {
	long := strings.Repeat("x", 500)
	tests := []struct {
		name   string
		status int
		body   string
		want   Error
		text   string
	}{
		{
			name: "Clockify JSON", status: 400, body: `{"message":"Invalid page size","code":501}`,
			want: Error{Method: "GET", Path: "/api/v1/workspaces/ws1/users", StatusCode: 400, Code: 501, Message: "Invalid page size"},
			text: "clockify: GET /api/v1/workspaces/ws1/users: 400 Bad Request: Invalid page size (code 501)",
		},
		{
			name: "Spring error JSON", status: 404, body: `{"status":404,"error":"Not Found","path":"/x"}`,
			want: Error{Method: "GET", Path: "/api/v1/workspaces/ws1/users", StatusCode: 404, Message: "Not Found"},
			text: "clockify: GET /api/v1/workspaces/ws1/users: 404 Not Found: Not Found",
		},
		{
			name: "HTML body", status: 403, body: "<html>\n  <body>Forbidden</body>\n</html>\n",
			want: Error{Method: "GET", Path: "/api/v1/workspaces/ws1/users", StatusCode: 403, Message: "<html> <body>Forbidden</body> </html>"},
			text: "clockify: GET /api/v1/workspaces/ws1/users: 403 Forbidden: <html> <body>Forbidden</body> </html>",
		},
		{
			name: "long body trimmed", status: 401, body: long,
			want: Error{Method: "GET", Path: "/api/v1/workspaces/ws1/users", StatusCode: 401, Message: long[:200] + "…"},
		},
		{
			name: "empty body", status: 401, body: "",
			want: Error{Method: "GET", Path: "/api/v1/workspaces/ws1/users", StatusCode: 401},
			text: "clockify: GET /api/v1/workspaces/ws1/users: 401 Unauthorized",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, scripted(step{status: tt.status, body: tt.body}))
			c, _ := newTestClient(t, ts)
			_, err := c.WorkspaceUsers(context.Background(), "ws1", &UsersOptions{Status: "ACTIVE"})
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("got %v, want *Error", err)
			}
			if *got != tt.want {
				t.Errorf("Error mismatch:\n got %+v\nwant %+v", *got, tt.want)
			}
			if tt.text != "" && err.Error() != tt.text {
				t.Errorf("Error() = %q, want %q", err.Error(), tt.text)
			}
		})
	}
}

func TestDecodeFailure(t *testing.T) {
	tests := []struct{ name, body string }{
		{"malformed", `[{"id":"u1",`},
		{"wrong shape", `{"id":"u1"}`},
		{"empty", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, scripted(step{status: 200, body: tt.body}))
			c, _ := newTestClient(t, ts)
			_, err := c.WorkspaceUsers(context.Background(), "ws1", nil)
			if err == nil {
				t.Fatal("got nil error, want a decode error")
			}
			if want := "GET /api/v1/workspaces/ws1/users: decode response"; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not contain %q", err, want)
			}
			var apiErr *Error
			if errors.As(err, &apiErr) {
				t.Errorf("decode failure is an *Error %+v, want a plain error", apiErr)
			}
		})
	}
}

// TestKeyNeverLeaks provokes every kind of error, with a server that echoes
// the key, and checks that neither errors nor logs carry it.
func TestKeyNeverLeaks(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	echo := func(w http.ResponseWriter, r *http.Request, body []byte) {
		key := r.Header.Get("X-Api-Key")
		switch r.URL.Query().Get("status") {
		case "JSON":
			writeJSON(w, 401, `{"message":"Api key `+key+` is invalid","code":4001}`)
		case "ACTIVE":
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, "slow down "+key)
		case "PENDING":
			writeJSON(w, 500, "<pre>"+key+"</pre>")
		default:
			writeJSON(w, 200, `{"broken `+key)
		}
	}
	ts := newTestServer(t, echo)
	c, _ := newTestClient(t, ts, WithLogger(logger))
	ctx := context.Background()
	var errs []error
	for _, status := range []string{"JSON", "ACTIVE", "PENDING", "decode"} {
		_, err := c.WorkspaceUsers(ctx, "ws1", &UsersOptions{Status: status})
		errs = append(errs, err)
	}
	var n int
	fc, _ := flakyClient(t, 100, 200, "", &n)
	_, err := fc.Workspaces(ctx)
	errs = append(errs, err)
	_, err = NewClient(testKey, WithBaseURL("http://"+testKey+":x/"))
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil {
			t.Errorf("call %d: got nil error, want one", i)
			continue
		}
		if strings.Contains(err.Error(), testKey) {
			t.Errorf("call %d: error %q contains the API key", i, err)
		}
	}
	if !strings.Contains(errs[0].Error(), "Api key test-…") {
		t.Errorf("error %q lacks the redacted key prefix", errs[0])
	}
	if logs.Len() == 0 {
		t.Error("no retry was logged")
	}
	if strings.Contains(logs.String(), testKey) {
		t.Errorf("logs contain the API key:\n%s", logs.String())
	}
}
