package clockify

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxPages bounds every paged listing, so that a server that never sends a
// short page cannot keep the client looping.
const maxPages = 10000

// Page sizes. Clockify accepts up to 5000 on most list endpoints, 1000 for
// the running timers and the detailed report, and 200 for time off.
const (
	defaultPageSize  = 5000
	entriesPageSize  = 1000
	reportPageSize   = 1000
	timeOffPageSize  = 200
	maxListPageSize  = 5000
	maxEntryPageSize = 1000
)

// ListOptions holds the paging option of list endpoints that take no other
// option.
type ListOptions struct {
	// PageSize is the number of items asked for per request; 0 means the
	// endpoint's default (the largest Clockify accepts).
	PageSize int
}

// pageSize returns n when it is in (0, limit], def when n is not positive and
// limit when n is larger.
func pageSize(n, def, limit int) int {
	switch {
	case n <= 0:
		return def
	case n > limit:
		return limit
	}
	return n
}

// getPages fetches every page of a GET list under the REST API: page is
// 1-based and page-size is size. It stops at a page shorter than size or one
// answered with the header "Last-Page: true", and fails after maxPages.
func getPages[T any](ctx context.Context, c *Client, path string, query url.Values, size int) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("page-size", strconv.Itoa(size))
	all := make([]T, 0)
	for page := 1; page <= maxPages; page++ {
		q.Set("page", strconv.Itoa(page))
		var items []T
		resp, err := c.get(ctx, path, q, &items)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) < size || strings.EqualFold(strings.TrimSpace(resp.Header.Get("Last-Page")), "true") {
			return all, nil
		}
	}
	return nil, fmt.Errorf("clockify: GET %s%s: more than %d pages", c.BaseURL.Path, path, maxPages)
}

// apiTime formats t as Clockify's yyyy-MM-ddThh:mm:ssZ query and body
// format, in UTC.
func apiTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
