package clockify

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Webhook is a Clockify webhook (WebhookDtoV1). AuthToken is the secret
// Clockify sends with every delivery in the Clockify-Signature header.
type Webhook struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	URL               string   `json:"url"`
	WebhookEvent      string   `json:"webhookEvent"`
	TriggerSource     []string `json:"triggerSource"`
	TriggerSourceType string   `json:"triggerSourceType"`
	AuthToken         string   `json:"authToken"`
	Enabled           bool     `json:"enabled"`
	// DeliveryEnabled is false when Clockify stopped delivering after too
	// many failures.
	DeliveryEnabled bool `json:"deliveryEnabled"`
	// PlanEnabled is false when the workspace's plan or its webhook limit
	// does not allow the webhook.
	PlanEnabled bool   `json:"planEnabled"`
	UserID      string `json:"userId"`
	WorkspaceID string `json:"workspaceId"`
}

// WebhookList is the answer of Webhooks (WebhooksDtoV1).
type WebhookList struct {
	Webhooks []Webhook `json:"webhooks"`
	// WorkspaceWebhookCount is the number of webhooks of the workspace.
	WorkspaceWebhookCount int `json:"workspaceWebhookCount"`
}

// WebhookRequest creates or updates a webhook (CreateWebhookRequestV1,
// UpdateWebhookRequestV1). Name is optional (2 to 30 characters).
type WebhookRequest struct {
	Name              string   `json:"name,omitempty"`
	URL               string   `json:"url"`
	WebhookEvent      string   `json:"webhookEvent"`
	TriggerSource     []string `json:"triggerSource"`
	TriggerSourceType string   `json:"triggerSourceType"`
}

// Webhook trigger source types.
const (
	TriggerWorkspace = "WORKSPACE_ID"
	TriggerProject   = "PROJECT_ID"
	TriggerUser      = "USER_ID"
)

// Clockify's webhook limits: per admin user and per workspace.
const (
	MaxWebhooksPerAdmin     = 10
	MaxWebhooksPerWorkspace = 100
)

// WebhookEventStatus is the delivery status of one webhook event with its
// latest attempt (WebhookEventStatusWithLatestLogDtoV1).
type WebhookEventStatus struct {
	ID           string `json:"id"`
	WebhookID    string `json:"webhookId"`
	WebhookLogID string `json:"webhookLogId"`
	// Status is SUCCEEDED, RETRYING or FAILED.
	Status       string `json:"status"`
	StatusCode   int    `json:"statusCode"`
	RetryCount   int    `json:"retryCount"`
	RequestBody  string `json:"requestBody"`
	ResponseBody string `json:"responseBody"`
	RespondedAt  string `json:"respondedAt"`
}

// WebhookStatusOptions filters WebhookStatuses; the zero value asks for the
// first 50 statuses of any kind.
type WebhookStatusOptions struct {
	// Status is SUCCEEDED, RETRYING or FAILED; "" for all.
	Status string
	// Page (from 1) and PageSize (0 means 50).
	Page, PageSize int
}

// WebhookLog is one delivery attempt (WebhookLogDtoV1).
type WebhookLog struct {
	ID                   string `json:"id"`
	WebhookID            string `json:"webhookId"`
	WebhookEventStatusID string `json:"webhookEventStatusId"`
	StatusCode           int    `json:"statusCode"`
	RequestBody          string `json:"requestBody"`
	ResponseBody         string `json:"responseBody"`
	RespondedAt          string `json:"respondedAt"`
}

// WebhookLogOptions filters WebhookLogs (WebhookLogSearchRequestV1).
type WebhookLogOptions struct {
	// From and To bound the logs; zero means unbounded.
	From, To time.Time
	// Status is ALL, SUCCEEDED or FAILED; "" for all.
	Status       string
	SortByNewest bool
	Page         int
	PageSize     int
}

type webhookLogBody struct {
	From         string `json:"from,omitempty"`
	To           string `json:"to,omitempty"`
	Status       string `json:"status,omitempty"`
	SortByNewest bool   `json:"sortByNewest"`
}

// webhooksPath returns the path of a workspace's webhooks, or of one when
// ids holds its id, with an optional trailing segment.
func webhooksPath(workspaceID string, ids ...string) (string, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return "", err
	}
	p := "workspaces/" + ws + "/webhooks"
	for i, id := range ids {
		if i > 0 {
			p += "/" + id // a fixed suffix
			continue
		}
		s, err := seg("webhook ID", id)
		if err != nil {
			return "", err
		}
		p += "/" + s
	}
	return p, nil
}

// Webhooks returns the webhooks of a workspace created by users (not
// add-ons) and the workspace's webhook count.
//
// Clockify API: getWebhooks, GET /v1/workspaces/{workspaceId}/webhooks
// (https://docs.clockify.me/#operation/getWebhooks).
func (c *Client) Webhooks(ctx context.Context, workspaceID string) (*WebhookList, error) {
	path, err := webhooksPath(workspaceID)
	if err != nil {
		return nil, err
	}
	var l WebhookList
	if _, err := c.get(ctx, path, url.Values{"type": {"USER_CREATED"}}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// Webhook returns one webhook.
//
// Clockify API: getWebhook, GET /v1/workspaces/{workspaceId}/webhooks/{webhookId}
// (https://docs.clockify.me/#operation/getWebhook).
func (c *Client) Webhook(ctx context.Context, workspaceID, webhookID string) (*Webhook, error) {
	path, err := webhooksPath(workspaceID, webhookID)
	if err != nil {
		return nil, err
	}
	var w Webhook
	if _, err := c.get(ctx, path, nil, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// CreateWebhook creates a webhook and returns it with its token. It is
// retried only on 429, so that it cannot create two webhooks.
//
// Clockify API: createWebhook, POST /v1/workspaces/{workspaceId}/webhooks
// (https://docs.clockify.me/#operation/createWebhook).
func (c *Client) CreateWebhook(ctx context.Context, workspaceID string, req WebhookRequest) (*Webhook, error) {
	return c.sendWebhook(ctx, http.MethodPost, req, retryRateLimit, workspaceID)
}

// UpdateWebhook replaces a webhook's URL, event and trigger source.
//
// Clockify API: updateWebhook, PUT /v1/workspaces/{workspaceId}/webhooks/{webhookId}
// (https://docs.clockify.me/#operation/updateWebhook).
func (c *Client) UpdateWebhook(ctx context.Context, workspaceID, webhookID string, req WebhookRequest) (*Webhook, error) {
	return c.sendWebhook(ctx, http.MethodPut, req, retryAll, workspaceID, webhookID)
}

// RegenerateWebhookToken gives a webhook a new token and returns the
// webhook with it; the old token stops being sent. It is retried only on
// 429: a retry would rotate the token again.
//
// Clockify API: generateNewToken, PATCH /v1/workspaces/{workspaceId}/webhooks/{webhookId}/token
// (https://docs.clockify.me/#operation/generateNewToken).
func (c *Client) RegenerateWebhookToken(ctx context.Context, workspaceID, webhookID string) (*Webhook, error) {
	return c.sendWebhook(ctx, http.MethodPatch, nil, retryRateLimit, workspaceID, webhookID, "token")
}

// DeleteWebhook deletes a webhook. It is retried only on 429, so that a
// retry does not turn a success into a 404.
//
// Clockify API: deleteWebhook, DELETE /v1/workspaces/{workspaceId}/webhooks/{webhookId}
// (https://docs.clockify.me/#operation/deleteWebhook).
func (c *Client) DeleteWebhook(ctx context.Context, workspaceID, webhookID string) error {
	path, err := webhooksPath(workspaceID, webhookID)
	if err != nil {
		return err
	}
	hr, err := c.newRequest(http.MethodDelete, c.BaseURL, path, nil, nil)
	if err != nil {
		return err
	}
	_, err = c.do(ctx, hr, nil, retryRateLimit)
	return err
}

// sendWebhook sends body to a webhook path and decodes the webhook
// answered.
func (c *Client) sendWebhook(ctx context.Context, method string, body any, mode retryMode, workspaceID string, ids ...string) (*Webhook, error) {
	path, err := webhooksPath(workspaceID, ids...)
	if err != nil {
		return nil, err
	}
	var b any
	if r, ok := body.(WebhookRequest); ok {
		b = r
	}
	hr, err := c.newRequest(method, c.BaseURL, path, nil, b)
	if err != nil {
		return nil, err
	}
	var w Webhook
	if _, err := c.do(ctx, hr, &w, mode); err != nil {
		return nil, err
	}
	return &w, nil
}

// WebhookStatuses returns one page of a webhook's event delivery
// statuses, each with its latest attempt. opts may be nil.
//
// Clockify API: getWebhookEventStatusesWithLatestLog,
// GET /v1/workspaces/{workspaceId}/webhooks/{webhookId}/statuses
// (https://docs.clockify.me/#operation/getWebhookEventStatusesWithLatestLog).
func (c *Client) WebhookStatuses(ctx context.Context, workspaceID, webhookID string, opts *WebhookStatusOptions) ([]WebhookEventStatus, error) {
	if opts == nil {
		opts = &WebhookStatusOptions{}
	}
	path, err := webhooksPath(workspaceID, webhookID, "statuses")
	if err != nil {
		return nil, err
	}
	q := pageQuery(opts.Page, opts.PageSize)
	if opts.Status != "" {
		q.Set("statuses", opts.Status)
	}
	var out []WebhookEventStatus
	if _, err := c.get(ctx, path, q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// WebhookLogs returns one page of a webhook's delivery attempts. It is a
// POST that only reads, so it is retried like a GET. opts may be nil.
//
// Clockify API: getLogsForWebhook, POST /v1/workspaces/{workspaceId}/webhooks/{webhookId}/logs
// (https://docs.clockify.me/#operation/getLogsForWebhook).
func (c *Client) WebhookLogs(ctx context.Context, workspaceID, webhookID string, opts *WebhookLogOptions) ([]WebhookLog, error) {
	if opts == nil {
		opts = &WebhookLogOptions{}
	}
	path, err := webhooksPath(workspaceID, webhookID, "logs")
	if err != nil {
		return nil, err
	}
	body := webhookLogBody{Status: opts.Status, SortByNewest: opts.SortByNewest}
	if !opts.From.IsZero() {
		body.From = apiTime(opts.From)
	}
	if !opts.To.IsZero() {
		body.To = apiTime(opts.To)
	}
	hr, err := c.newRequest(http.MethodPost, c.BaseURL, path, pageQuery(opts.Page, opts.PageSize), body)
	if err != nil {
		return nil, err
	}
	var out []WebhookLog
	if _, err := c.do(ctx, hr, &out, retryAll); err != nil {
		return nil, err
	}
	return out, nil
}

// pageQuery returns page and size parameters; zero values are left out.
func pageQuery(page, size int) url.Values {
	q := url.Values{}
	if page > 0 {
		q.Set("page", strconv.Itoa(page))
	}
	if size > 0 {
		q.Set("size", strconv.Itoa(size))
	}
	return q
}
