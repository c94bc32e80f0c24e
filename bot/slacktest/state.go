package slacktest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// state is everything the fake remembers; it is guarded by Server.mu.
type state struct {
	seq map[string]int // per-prefix ID counters

	users     []*User
	userByID  map[string]*User
	convs     []*Conversation
	convByID  map[string]*Conversation
	imByUser  map[string]string // user ID -> IM channel ID
	mpimByKey map[string]string // sorted member set -> MPIM channel ID
	messages  map[string][]*Message
	ephemeral map[string][]*Message
	lastTS    int64 // microseconds of the newest message timestamp

	homeViews map[string]*storedView // user ID -> published home view
	views     map[string]*storedView // view ID -> view
	modals    map[string][]string    // user ID -> stack of modal view IDs
	triggers  map[string]*trigger

	calls []Call
	// rateWindow holds, per method, the times of the calls of the last
	// minute; postBuckets the chat.postMessage allowance per channel.
	rateWindow  map[string][]time.Time
	postBuckets map[string]*postBucket
	faults      []*fault
	revoked     map[string]bool

	tickets       map[string]bool // issued Socket Mode tickets -> used
	sockets       []*socketConn   // open connections, oldest first
	current       *socketConn     // the connection envelopes go to
	socketsClosed bool            // set by Close: no new connections
	connCount     int             // connections ever accepted
	hellos        int             // connections that were sent their hello
	acks          []Ack
	pings         []PingPong

	responseURLs   int         // response URLs handed out
	responseIssued []time.Time // when each response URL was handed out
	responses      []ResponsePost
}

func newState() state {
	return state{
		seq:         map[string]int{},
		userByID:    map[string]*User{},
		convByID:    map[string]*Conversation{},
		imByUser:    map[string]string{},
		mpimByKey:   map[string]string{},
		messages:    map[string][]*Message{},
		ephemeral:   map[string][]*Message{},
		homeViews:   map[string]*storedView{},
		views:       map[string]*storedView{},
		modals:      map[string][]string{},
		triggers:    map[string]*trigger{},
		revoked:     map[string]bool{},
		rateWindow:  map[string][]time.Time{},
		postBuckets: map[string]*postBucket{},
		tickets:     map[string]bool{},
	}
}

// nextIDLocked returns a new Slack-looking ID such as "C00000001".
func (s *Server) nextIDLocked(prefix string) string {
	s.seq[prefix]++
	return fmt.Sprintf("%s%08d", prefix, s.seq[prefix])
}

// nextTSLocked returns a new message timestamp ("1700000000.000100"): the
// clock's time in microseconds, bumped past the previous one if needed.
func (s *Server) nextTSLocked() string {
	us := s.now().UnixMicro()
	if us <= s.lastTS {
		us = s.lastTS + 100
	}
	s.lastTS = us
	return formatTS(us)
}

func formatTS(us int64) string {
	return fmt.Sprintf("%d.%06d", us/1e6, us%1e6)
}

// parseTS converts a Slack timestamp ("1700000000.000100" or "1700000000")
// to microseconds.
func parseTS(ts string) (int64, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse timestamp %q: %w", ts, err)
	}
	var us int64
	if frac != "" {
		frac = (frac + "000000")[:6]
		if us, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, fmt.Errorf("parse timestamp %q: %w", ts, err)
		}
	}
	return s*1e6 + us, nil
}

// page cuts items[offset:offset+limit] as Slack's cursor pagination does:
// cursor is the opaque next_cursor of the previous page ("" for the first),
// limit <= 0 uses def. It returns the bounds and the next cursor ("" on
// the last page), or ok false for a cursor the fake did not issue.
func page(n int, cursor string, limit, def int) (from, to int, next string, ok bool) {
	if limit <= 0 {
		limit = def
	}
	if cursor != "" {
		raw, err := base64.StdEncoding.DecodeString(cursor)
		if err != nil {
			return 0, 0, "", false
		}
		v, found := strings.CutPrefix(string(raw), "offset:")
		if from, err = strconv.Atoi(v); !found || err != nil || from < 0 || from > n {
			return 0, 0, "", false
		}
	}
	to = min(from+limit, n)
	if to < n {
		next = base64.StdEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(to)))
	}
	return from, to, next, true
}

// marshal encodes v, which the fake builds itself and always can encode.
func marshal(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal %T: %v", v, err))
	}
	return b
}
