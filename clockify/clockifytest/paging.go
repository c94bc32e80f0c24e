package clockifytest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Page-size limits of the live API.
const (
	maxPageSize           = 5000 // most list endpoints
	maxInProgressPageSize = 1000
	maxReportPageSize     = 1000
	maxTimeOffPageSize    = 200
)

// page is a requested page: 1-based number and size.
type page struct{ num, size int }

// parsePage reads the page and page-size query parameters.
func parsePage(q url.Values, defSize, maxSize int) (page, error) {
	p := page{num: 1, size: defSize}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, fmt.Errorf("page must be a positive number, got %q", v)
		}
		p.num = n
	}
	if v := q.Get("page-size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, fmt.Errorf("page-size must be a positive number, got %q", v)
		}
		p.size = n
	}
	return p, checkPageSize(p.size, maxSize)
}

func checkPageSize(size, maxSize int) error {
	if size > maxSize {
		return fmt.Errorf("page size must not be greater than %d", maxSize)
	}
	return nil
}

// bounds returns the [lo, hi) slice bounds of the page in n items and
// whether it is the last page.
func (p page) bounds(n int) (lo, hi int, last bool) {
	lo = min((p.num-1)*p.size, n)
	hi = min(lo+p.size, n)
	return lo, hi, hi >= n
}

// slicePage cuts the page out of items.
func slicePage[T any](items []T, p page) ([]T, bool) {
	lo, hi, last := p.bounds(len(items))
	return items[lo:hi], last
}

type shortPageKey struct{}

// withShortPage marks the request as hit by a ShortPage fault.
func withShortPage(ctx context.Context) context.Context {
	return context.WithValue(ctx, shortPageKey{}, true)
}

func isShortPage(r *http.Request) bool {
	v, _ := r.Context().Value(shortPageKey{}).(bool)
	return v
}

// shorten halves items when the request is hit by a ShortPage fault.
func shorten[T any](r *http.Request, items []T) []T {
	if isShortPage(r) {
		return items[:len(items)/2]
	}
	return items
}

type dropItemKey struct{}

// withDropItem marks the request as hit by a DropItem fault.
func withDropItem(ctx context.Context) context.Context {
	return context.WithValue(ctx, dropItemKey{}, true)
}

func isDropItem(r *http.Request) bool {
	v, _ := r.Context().Value(dropItemKey{}).(bool)
	return v
}

// writePage writes one page of a list endpoint with its Last-Page header.
// Under a ShortPage fault it answers half the page and no Last-Page header.
func writePage[T any](w http.ResponseWriter, r *http.Request, items []T, last bool) {
	if items == nil {
		items = []T{}
	}
	if isDropItem(r) && len(items) > 0 {
		items, last = items[1:], true
	}
	if isShortPage(r) {
		items = shorten(r, items)
	} else {
		w.Header().Set("Last-Page", strconv.FormatBool(last))
	}
	writeJSON(w, http.StatusOK, items)
}

// parseInstant parses a yyyy-MM-ddThh:mm:ssZ query value (an offset and a
// fraction of a second are accepted).
func parseInstant(name, v string) (time.Time, error) {
	// The document asks for yyyy-MM-ddThh:mm:ssZ (fractions allowed): an
	// instant in UTC, not a local time with an offset.
	t, err := time.Parse(time.RFC3339, v)
	if err != nil || !strings.HasSuffix(v, "Z") {
		return time.Time{}, fmt.Errorf("%s must be in yyyy-MM-ddThh:mm:ssZ format, got %q", name, v)
	}
	return t, nil
}

// checkEnum refuses a query parameter outside the document's enum; an
// absent parameter is accepted.
func checkEnum(q url.Values, name string, allowed ...string) error {
	if v := q.Get(name); v != "" && !slices.Contains(allowed, v) {
		return fmt.Errorf("%s must be one of %v, got %q", name, allowed, v)
	}
	return nil
}
