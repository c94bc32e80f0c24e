package clockifytest

import (
	"cmp"
	"slices"
	"time"
)

// Entries are immutable once stored: a change replaces the stored pointer,
// so the indexes can find an entry by its old (start, id) key.

// compareEntries orders entries by start, then id.
func compareEntries(a, b *Entry) int {
	return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
}

// searchStart returns the index of the first entry in es starting at or
// after t.
func searchStart(es []*Entry, t time.Time) int {
	i, _ := slices.BinarySearchFunc(es, t, func(e *Entry, t time.Time) int {
		return cmp.Or(e.Start.Compare(t), 1)
	})
	return i
}

// searchAfter returns the index of the first entry in es starting after t.
func searchAfter(es []*Entry, t time.Time) int {
	i, _ := slices.BinarySearchFunc(es, t, func(e *Entry, t time.Time) int {
		if e.Start.After(t) {
			return 1
		}
		return -1
	})
	return i
}

func insertSorted(es []*Entry, e *Entry) []*Entry {
	i, _ := slices.BinarySearchFunc(es, e, compareEntries)
	return slices.Insert(es, i, e)
}

func removeSorted(es []*Entry, e *Entry) []*Entry {
	i, found := slices.BinarySearchFunc(es, e, compareEntries)
	if found && es[i] == e {
		return slices.Delete(es, i, i+1)
	}
	return es
}

// putEntry stores e. bulk defers the index update to the next rebuild, which
// keeps loops of additions linear.
func (ws *workspace) putEntry(e *Entry, bulk bool) {
	ws.entries[e.ID] = e
	ws.entriesVersion++
	if e.End == nil {
		ws.running[e.UserID] = e
	}
	if bulk {
		ws.entriesDirty = true
	}
	if ws.entriesDirty {
		return
	}
	ws.byStart = insertSorted(ws.byStart, e)
	ws.byUser[e.UserID] = insertSorted(ws.byUser[e.UserID], e)
}

// dropEntry removes e from the store and the indexes.
func (ws *workspace) dropEntry(e *Entry) {
	delete(ws.entries, e.ID)
	ws.entriesVersion++
	if ws.running[e.UserID] == e {
		delete(ws.running, e.UserID)
	}
	if ws.entriesDirty {
		return
	}
	ws.byStart = removeSorted(ws.byStart, e)
	if es := removeSorted(ws.byUser[e.UserID], e); len(es) > 0 {
		ws.byUser[e.UserID] = es
	} else {
		delete(ws.byUser, e.UserID)
	}
}

func (ws *workspace) rebuildEntries() {
	ws.byStart = make([]*Entry, 0, len(ws.entries))
	for _, e := range ws.entries {
		ws.byStart = append(ws.byStart, e)
	}
	slices.SortFunc(ws.byStart, compareEntries)
	ws.byUser = map[string][]*Entry{}
	for _, e := range ws.byStart {
		ws.byUser[e.UserID] = append(ws.byUser[e.UserID], e)
	}
	ws.entriesDirty = false
}

// stopRunning stops userID's running timer at end (never before its start)
// and returns the stopped entry.
func (ws *workspace) stopRunning(userID string, end time.Time) (*Entry, bool) {
	r, ok := ws.running[userID]
	if !ok {
		return nil, false
	}
	if end.Before(r.Start) {
		end = r.Start
	}
	stopped := *r
	stopped.End = &end
	ws.dropEntry(r)
	ws.putEntry(&stopped, false)
	return &stopped, true
}

// saveEntry replaces or adds e. A running entry first stops the user's
// other running timer at e's start, as Clockify does.
func (ws *workspace) saveEntry(e *Entry, bulk bool) {
	if old, ok := ws.entries[e.ID]; ok {
		ws.dropEntry(old)
	}
	if e.End == nil {
		ws.stopRunning(e.UserID, e.Start)
	}
	ws.putEntry(e, bulk)
}

// normalizeEntry copies e into the form the store keeps: UTC, whole
// seconds, a default type.
func normalizeEntry(e Entry) *Entry {
	e.Start = e.Start.UTC().Truncate(time.Second)
	if e.End != nil {
		end := e.End.UTC().Truncate(time.Second)
		e.End = &end
	}
	if e.Type == "" {
		e.Type = "REGULAR"
	}
	return &e
}

// copyEntry returns a copy of e that shares no memory with the store.
func copyEntry(e *Entry) Entry {
	c := *e
	if e.End != nil {
		end := *e.End
		c.End = &end
	}
	return c
}
