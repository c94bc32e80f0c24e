package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// ResponsePost is a request the bot sent to a response_url.
type ResponsePost struct {
	// N is the number of the response_url (…/response/N), in the order
	// Send handed them out, starting at 1.
	N int
	// ContentType is the request's Content-Type header.
	ContentType string
	// Body is the request body as received.
	Body []byte
	// JSON is the decoded body when it is a JSON object, else nil.
	JSON map[string]any
	At   time.Time
}

// A response_url takes responseURLUses posts within responseURLTTL ("up
// to 5 times within 30 minutes").
const (
	responseURLUses = 5
	responseURLTTL  = 30 * time.Minute
)

// newResponseURLLocked hands out the next response_url.
func (s *Server) newResponseURLLocked() string {
	s.responseURLs++
	s.responseIssued = append(s.responseIssued, s.now())
	return s.URL + "/response/" + strconv.Itoa(s.responseURLs)
}

// serveResponseURL records a post to a response_url the fake handed out
// and answers {"ok":true}; like Slack, it answers 404 used_url after
// responseURLUses posts and expired_url after responseURLTTL.
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	s.mu.Lock()
	known := err == nil && n >= 1 && n <= s.responseURLs
	s.mu.Unlock()
	if !known || r.Method != http.MethodPost {
		http.Error(w, "no such response_url", http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	post := ResponsePost{N: n, ContentType: r.Header.Get("Content-Type"), Body: body}
	if json.Unmarshal(body, &post.JSON) != nil {
		post.JSON = nil
	}
	s.mu.Lock()
	uses := 0
	for _, p := range s.responses {
		if p.N == n {
			uses++
		}
	}
	post.At = s.now()
	var code string
	switch {
	case post.At.Sub(s.responseIssued[n-1]) > responseURLTTL:
		code = "expired_url"
	case uses >= responseURLUses:
		code = "used_url"
	default:
		s.responses = append(s.responses, post)
		s.notifyLocked()
	}
	s.mu.Unlock()
	if code != "" {
		writeJSON(w, http.StatusNotFound, errorResponse(code))
		return
	}
	writeJSON(w, http.StatusOK, response{"ok": true})
}

// ResponseURLPosts returns the posts to response_urls in arrival order.
func (s *Server) ResponseURLPosts() []ResponsePost {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.responses)
}

// WaitResponse blocks until n posts to response_urls have arrived and
// returns all of them, or returns the context's error.
func (s *Server) WaitResponse(ctx context.Context, n int) ([]ResponsePost, error) {
	var out []ResponsePost
	err := s.waitFor(ctx, func() bool {
		out = slices.Clone(s.responses)
		return len(out) >= n
	})
	if err != nil {
		return out, fmt.Errorf("wait for %d response_url posts (have %d): %w", n, len(out), err)
	}
	return out, nil
}
