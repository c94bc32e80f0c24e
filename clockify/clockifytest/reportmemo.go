package clockifytest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// reportMemoSize is how many detailed-report queries a workspace remembers.
const reportMemoSize = 4

// reportRows is the answer to one detailed-report query before paging: the
// matching entries in report order and their totals.
type reportRows struct {
	rows              []*Entry
	totalTime         int64 // seconds
	totalBillableTime int64 // seconds
}

// reportMemo remembers the rows of the last few detailed-report queries of a
// workspace, keyed by the query without its page and by the workspace's
// entries version, so that page n of a report slices the rows page 1
// filtered instead of filtering the whole range again: a page costs
// O(page), not O(window). Any entry change bumps the version (putEntry,
// dropEntry), which makes every remembered query stale. The faults
// (DropItem, ShortPage) are applied to each answer, never remembered.
type reportMemo struct {
	mu    sync.Mutex
	items []reportMemoItem // oldest first
	// scans counts the queries that filtered the range (tests read it).
	scans int
}

type reportMemoItem struct {
	version uint64
	key     string
	rows    *reportRows
}

// rowsFor returns the rows of the query key at the entries version, calling
// scan and remembering its answer when they are not known.
func (m *reportMemo) rowsFor(version uint64, key string, scan func() *reportRows) *reportRows {
	m.mu.Lock()
	for _, it := range m.items {
		if it.version == version && it.key == key {
			m.mu.Unlock()
			return it.rows
		}
	}
	m.mu.Unlock()
	rows := scan() // outside the lock: concurrent first pages may scan twice
	m.mu.Lock()
	defer m.mu.Unlock()
	m.scans++
	m.items = slices.DeleteFunc(m.items, func(it reportMemoItem) bool { return it.version != version || it.key == key })
	if len(m.items) >= reportMemoSize {
		m.items = slices.Delete(m.items, 0, len(m.items)-reportMemoSize+1)
	}
	m.items = append(m.items, reportMemoItem{version: version, key: key, rows: rows})
	return rows
}

// scanCount returns how many queries filtered the range.
func (m *reportMemo) scanCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.scans
}

// reportKey is the part of a detailed-report query that decides its rows:
// everything but the page and the page size.
func reportKey(start, end time.Time, descending bool, users, projects idFilter, billable *bool, desc string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%d|%t|%s|%s|", start.UnixNano(), end.UnixNano(), descending, users.key(), projects.key())
	if billable != nil {
		fmt.Fprintf(&b, "%t", *billable)
	}
	fmt.Fprintf(&b, "|%q", desc)
	return b.String()
}

// key returns a canonical form of f.
func (f idFilter) key() string {
	if f.ids == nil {
		return "*"
	}
	ids := make([]string, 0, len(f.ids))
	for id := range f.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return fmt.Sprintf("%t%q", f.exclude, ids)
}

// withoutFirst returns the rows minus the first one, totals and all (a
// DropItem fault), without changing rr.
func (rr *reportRows) withoutFirst() *reportRows {
	if len(rr.rows) == 0 {
		return rr
	}
	e := rr.rows[0]
	d := int64(e.End.Sub(e.Start) / time.Second)
	out := &reportRows{rows: rr.rows[1:], totalTime: rr.totalTime - d, totalBillableTime: rr.totalBillableTime}
	if e.Billable {
		out.totalBillableTime -= d
	}
	return out
}
