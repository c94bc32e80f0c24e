package slacksig_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacksig"
)

const secret = "8f742231b10e8888abcd99yyyzzz85a5"

var now = time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)

// newServer serves Verify around a handler that echoes the body it got and
// counts its calls.
func newServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var calls atomic.Int64
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		b, _ := io.ReadAll(r.Body)
		w.Write(b)
	})
	mux := http.NewServeMux()
	opts := slacksig.Options{Now: func() time.Time { return now }}
	mux.Handle("POST /slack/commands", slacksig.Verify(secret, echo, opts))
	mux.Handle("POST /slack/events", slacksig.Verify(secret, slacksig.Events(echo), opts))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &calls
}

func post(t *testing.T, url string, body []byte, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestVerify(t *testing.T) {
	body := []byte("token=xyz&team_id=T1&command=%2Ftt&text=status&response_url=https%3A%2F%2Fhooks.slack.com%2Fx")
	ts := now.Unix()
	tests := []struct {
		name   string
		body   []byte
		hdr    map[string]string
		status int
	}{
		{"good signature", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts, body)}, http.StatusOK},
		{"timestamp 4 minutes old", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts-240, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts-240, body)}, http.StatusOK},
		{"timestamp 6 minutes old", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts-360, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts-360, body)}, http.StatusUnauthorized},
		{"timestamp 6 minutes ahead", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts+360, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts+360, body)}, http.StatusUnauthorized},
		{"other secret", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10), slacksig.SignatureHeader: slacksig.Sign("other", ts, body)}, http.StatusUnauthorized},
		{"body changed", append([]byte("x"), body...), map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts, body)}, http.StatusUnauthorized},
		{"timestamp changed", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts-1, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts, body)}, http.StatusUnauthorized},
		{"no v0 prefix", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10), slacksig.SignatureHeader: strings.TrimPrefix(slacksig.Sign(secret, ts, body), "v0=")}, http.StatusUnauthorized},
		{"no signature", body, map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10)}, http.StatusUnauthorized},
		{"no timestamp", body, map[string]string{slacksig.SignatureHeader: slacksig.Sign(secret, ts, body)}, http.StatusUnauthorized},
		{"oversized body", bytes.Repeat([]byte("x"), slacksig.MaxBody+1), map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10)}, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, calls := newServer(t)
			status, got := post(t, srv.URL+"/slack/commands", tc.body, tc.hdr)
			if status != tc.status {
				t.Fatalf("status %d (%.80s), want %d", status, got, tc.status)
			}
			if tc.status != http.StatusOK {
				if calls.Load() != 0 {
					t.Error("the next handler ran for a rejected request")
				}
				return
			}
			if got != string(tc.body) {
				t.Errorf("the next handler read %q, want the raw body", got)
			}
		})
	}
}

func TestURLVerification(t *testing.T) {
	srv, calls := newServer(t)
	body := []byte(`{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	ts := now.Unix()
	hdr := map[string]string{slacksig.TimestampHeader: strconv.FormatInt(ts, 10), slacksig.SignatureHeader: slacksig.Sign(secret, ts, body)}
	status, got := post(t, srv.URL+"/slack/events", body, hdr)
	var out struct{ Challenge string }
	if status != http.StatusOK || json.Unmarshal([]byte(got), &out) != nil || out.Challenge != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("status %d, body %s; want the challenge", status, got)
	}
	if calls.Load() != 0 {
		t.Error("url_verification reached the event handler")
	}
	hdr[slacksig.SignatureHeader] = slacksig.Sign("wrong", ts, body)
	if status, _ := post(t, srv.URL+"/slack/events", body, hdr); status != http.StatusUnauthorized {
		t.Errorf("unsigned url_verification: status %d, want 401", status)
	}
	ev := []byte(`{"type":"event_callback","event":{"type":"app_home_opened"}}`)
	hdr[slacksig.SignatureHeader] = slacksig.Sign(secret, ts, ev)
	if status, got := post(t, srv.URL+"/slack/events", ev, hdr); status != http.StatusOK || got != string(ev) || calls.Load() != 1 {
		t.Errorf("event_callback: status %d, body %s, calls %d; want it passed on", status, got, calls.Load())
	}
}

// TestSlackExample checks Sign against the example of Slack's "Verifying
// requests from Slack" guide.
func TestSlackExample(t *testing.T) {
	body := "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	const want = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	if got := slacksig.Sign(secret, 1531420618, []byte(body)); got != want {
		t.Errorf("Sign() = %s, want %s", got, want)
	}
}
