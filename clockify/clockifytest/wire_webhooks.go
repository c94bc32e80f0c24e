package clockifytest

import "slices"

// wireWebhook is WebhookDtoV1.
type wireWebhook struct {
	AuthToken         string   `json:"authToken"`
	DeliveryEnabled   bool     `json:"deliveryEnabled"`
	Enabled           bool     `json:"enabled"`
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	PlanEnabled       bool     `json:"planEnabled"`
	TriggerSource     []string `json:"triggerSource"`
	TriggerSourceType string   `json:"triggerSourceType"`
	URL               string   `json:"url"`
	UserID            string   `json:"userId"`
	WebhookEvent      string   `json:"webhookEvent"`
	WorkspaceID       string   `json:"workspaceId"`
}

// wireWebhookRequest is CreateWebhookRequestV1 and UpdateWebhookRequestV1;
// pointers tell a missing field from an empty one.
type wireWebhookRequest struct {
	Name              *string   `json:"name"`
	TriggerSource     *[]string `json:"triggerSource"`
	TriggerSourceType *string   `json:"triggerSourceType"`
	URL               *string   `json:"url"`
	WebhookEvent      *string   `json:"webhookEvent"`
}

// wireWebhookStatus is WebhookEventStatusWithLatestLogDtoV1.
type wireWebhookStatus struct {
	ID           string `json:"id"`
	RequestBody  string `json:"requestBody"`
	RespondedAt  string `json:"respondedAt"`
	ResponseBody string `json:"responseBody"`
	RetryCount   int    `json:"retryCount"`
	Status       string `json:"status"`
	StatusCode   int    `json:"statusCode"`
	WebhookID    string `json:"webhookId"`
	WebhookLogID string `json:"webhookLogId"`
}

// wireWebhookLog is WebhookLogDtoV1.
type wireWebhookLog struct {
	ID                   string `json:"id"`
	RequestBody          string `json:"requestBody"`
	RespondedAt          string `json:"respondedAt"`
	ResponseBody         string `json:"responseBody"`
	StatusCode           int    `json:"statusCode"`
	WebhookEventStatusID string `json:"webhookEventStatusId"`
	WebhookID            string `json:"webhookId"`
}

// wireWebhookLogSearch is WebhookLogSearchRequestV1.
type wireWebhookLogSearch struct {
	From         string `json:"from"`
	To           string `json:"to"`
	SortByNewest bool   `json:"sortByNewest"`
	Status       string `json:"status"`
}

func toWireWebhook(wsID string, h *hookState) wireWebhook {
	return wireWebhook{
		AuthToken: h.Token, DeliveryEnabled: !h.DeliveryDisabled, Enabled: true, ID: h.ID, Name: h.Name,
		PlanEnabled: true, TriggerSource: slices.Clone(h.TriggerSource), TriggerSourceType: h.TriggerSourceType,
		URL: h.URL, UserID: h.UserID, WebhookEvent: h.Event, WorkspaceID: wsID,
	}
}
