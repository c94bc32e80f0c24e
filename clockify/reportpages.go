package clockify

import (
	"context"
	"fmt"
	"net/http"
	"sync"
)

// DetailedReportPages streams the detailed report for [opts.Start,
// opts.End) to fn one page at a time (up to 1,000 rows, each page sorted by
// id), so that the caller's memory is bounded by a few pages rather than by
// the window. The first page's entriesCount total gives the number of
// pages; the others are then fetched up to Concurrency at a time, in the
// background lane (see Interactive), and handed to fn as they arrive: pages
// come in no particular order, but fn is never called concurrently, and a
// page waiting for fn does not hold back the next requests. E rows
// cost ceil(E/1000) requests, and one when there are none — the same as
// DetailedReport.
//
// fn may keep nothing of the page after it returns. An error of fn stops
// the fetch and is returned unchanged; a failed page or one shorter than
// the total says (ErrIncomplete) stops it too, after fn saw some pages: the
// caller must treat the window as not fetched (for example abort its store
// window). When Clockify sends no total, the pages are fetched one after the
// other until a short page. A report that changes while it is fetched may
// repeat or miss a row at a page boundary, as a sequential fetch would; the
// next pass sees it.
//
// Clockify API (Reports API): generateDetailedReport,
// POST /v1/workspaces/{workspaceId}/reports/detailed
// (https://docs.clockify.me/#operation/generateDetailedReport).
func (c *Client) DetailedReportPages(ctx context.Context, workspaceID string, opts DetailedReportOptions, fn func(page []ReportEntry) error) error {
	path, body, err := reportQuery(workspaceID, opts)
	if err != nil {
		return err
	}
	size := body.DetailedFilter.PageSize
	first, err := c.reportPage(ctx, path, body, 1)
	if err != nil {
		return err
	}
	total := first.total()
	if err := fn(first.TimeEntries); err != nil {
		return err
	}
	if len(first.TimeEntries) < size {
		if total > len(first.TimeEntries) {
			return c.cutOff(path, 1, len(first.TimeEntries), total)
		}
		return nil
	}
	if total < 0 {
		return c.reportPagesInOrder(ctx, path, body, fn)
	}
	pages := (total + size - 1) / size
	if pages > maxPages {
		return fmt.Errorf("clockify: POST %s%s: more than %d pages", c.ReportsURL.Path, path, maxPages)
	}
	return c.reportPagesConcurrently(ctx, path, body, pages, total, fn)
}

// reportPagesConcurrently fetches pages 2..pages with Concurrency workers
// and hands them to fn on the caller's goroutine. A fetched page waits in a
// queue of Concurrency pages for fn, so a worker sends its next request
// while fn handles earlier pages (decoding and the caller's store writes
// overlap the round trips): at most 2 x Concurrency + 1 pages are held.
func (c *Client) reportPagesConcurrently(ctx context.Context, path string, body reportRequest, pages, total int, fn func([]ReportEntry) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	size := body.DetailedFilter.PageSize
	workers := min(c.concurrency, pages-1)
	fetched := make(chan []ReportEntry, workers)
	var (
		mu   sync.Mutex // guards next
		next = 2
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				page := next
				next++
				mu.Unlock()
				if page > pages || ctx.Err() != nil {
					return
				}
				out, err := c.reportPage(ctx, path, body, page)
				if err == nil {
					want := min(size, total-(page-1)*size)
					if len(out.TimeEntries) < want {
						err = c.cutOff(path, page, (page-1)*size+len(out.TimeEntries), total)
					}
				}
				if err != nil {
					cancel(err)
					return
				}
				select {
				case fetched <- out.TimeEntries:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(fetched)
	}()
	for page := range fetched {
		if ctx.Err() != nil {
			continue // drain: the workers stop at ctx.Done
		}
		if err := fn(page); err != nil {
			cancel(err)
		}
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// reportPagesInOrder fetches pages 2, 3, ... until a short page, for a
// report without a total.
func (c *Client) reportPagesInOrder(ctx context.Context, path string, body reportRequest, fn func([]ReportEntry) error) error {
	for page := 2; page <= maxPages; page++ {
		out, err := c.reportPage(ctx, path, body, page)
		if err != nil {
			return err
		}
		if err := fn(out.TimeEntries); err != nil {
			return err
		}
		if len(out.TimeEntries) < body.DetailedFilter.PageSize {
			return nil
		}
	}
	return fmt.Errorf("clockify: POST %s%s: more than %d pages", c.ReportsURL.Path, path, maxPages)
}

// reportPage fetches one page of the detailed report.
func (c *Client) reportPage(ctx context.Context, path string, body reportRequest, page int) (*reportResponse, error) {
	body.DetailedFilter.Page = page
	req, err := c.newRequest(http.MethodPost, c.ReportsURL, path, nil, body)
	if err != nil {
		return nil, err
	}
	var out reportResponse
	if _, err := c.do(ctx, req, &out, retryAll); err != nil {
		return nil, err
	}
	return &out, nil
}

// total returns the report's entriesCount, or -1 when it sent none.
func (r *reportResponse) total() int {
	if len(r.Totals) > 0 && r.Totals[0] != nil {
		return r.Totals[0].EntriesCount
	}
	return -1
}

// cutOff describes a page that ended before the report's total.
func (c *Client) cutOff(path string, page, rows, total int) error {
	return fmt.Errorf("clockify: POST %s%s: %w: page %d ended after %d of %d rows", c.ReportsURL.Path, path, ErrIncomplete, page, rows, total)
}
