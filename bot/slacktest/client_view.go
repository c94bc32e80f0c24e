package slacktest

import (
	"context"
	"slices"
)

// This file serves a Slack client front end over the fake, such as the
// demo's page: what a user sees changes, and the modals they close.

// Activity returns a number that grows with every change the fake sees: a
// Web API call, a Socket Mode message from the client, a post to a
// response_url. A page can compare it to decide whether to redraw.
func (s *Server) Activity() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.activityLocked()
}

func (s *Server) activityLocked() int { return len(s.calls) + len(s.acks) + len(s.responses) }

// WaitActivity blocks until Activity exceeds since and returns it, or
// returns the context's error.
func (s *Server) WaitActivity(ctx context.Context, since int) (int, error) {
	var n int
	err := s.waitFor(ctx, func() bool {
		n = s.activityLocked()
		return n > since
	})
	return n, err
}

// WaitCall blocks until a settled call of method (see WaitCalls: its
// effect is visible) satisfies match and returns it, or returns the
// context's error. match runs with the fake's lock held and must not call
// the Server.
func (s *Server) WaitCall(ctx context.Context, method string, match func(Call) bool) (Call, error) {
	var found Call
	err := s.waitFor(ctx, func() bool {
		for _, c := range s.callsLocked(method) {
			if c.settled && match(c) {
				found = c
				return true
			}
		}
		return false
	})
	return found, err
}

// ModalView returns the ID and payload of the modal on top of userID's
// stack.
func (s *Server) ModalView(userID string) (id string, payload []byte, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.topModalLocked(userID)
	if v == nil {
		return "", nil, false
	}
	return v.id, slices.Clone(v.payload), true
}

// CloseModal closes the modal on top of userID's stack, or the whole stack
// when all is set, as Slack does when the user cancels or submits a modal
// (response_action "clear" closes them all).
func (s *Server) CloseModal(userID string, all bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stack := s.modals[userID]
	if len(stack) == 0 {
		return
	}
	if all {
		stack = nil
	} else {
		stack = stack[:len(stack)-1]
	}
	s.modals[userID] = stack
	s.notifyLocked()
}

// Conversations returns snapshots of the conversations userID is a member
// of, in the order they were created.
func (s *Server) Conversations(userID string) []Conversation {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Conversation
	for _, c := range s.convs {
		if c.isMember(userID) {
			cc := *c
			cc.Members = slices.Clone(c.Members)
			out = append(out, cc)
		}
	}
	return out
}

// Users returns the workspace's users in the order they were added.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, len(s.users))
	for i, u := range s.users {
		out[i] = *u
	}
	return out
}

// NewResponseURL hands out a response_url as Slack puts in slash commands
// and interactions, for a client that fills in its envelopes itself; posts
// to it are recorded with its number (ResponsePost.N).
func (s *Server) NewResponseURL() (url string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	url = s.newResponseURLLocked()
	return url, s.responseURLs
}
