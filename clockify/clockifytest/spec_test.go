package clockifytest

import (
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// specFile is the official Clockify OpenAPI document, relative to a parent
// of the module.
const specFile = "shared/reference/clockify/clockify-v1.openapi.json"

// specOperation is a request the client makes, by the client method that
// makes it and the operationId of the official document, with a valid
// example: the fake must accept it and refuse it with each required
// parameter of the document removed.
type specOperation struct {
	method, operationID string
	// pathParams are the example values of the path parameters.
	pathParams map[string]string
	query      map[string]string
	body       map[string]any // nil: no body
}

// clientOperations lists every operation package clockify uses.
var clientOperations = []specOperation{
	{method: "CurrentUser", operationID: "getLoggedUser"},
	{method: "Workspaces", operationID: "getWorkspacesOfUser"},
	{method: "WorkspaceUsers", operationID: "getUsersOfWorkspace", pathParams: map[string]string{"workspaceId": "ws-1"},
		query: map[string]string{"include-roles": "true", "memberships": "WORKSPACE", "page": "1", "page-size": "5000"}},
	{method: "Managers", operationID: "getManagersOfUser", pathParams: map[string]string{"workspaceId": "ws-1", "userId": "u1"}},
	{method: "UserGroups", operationID: "getUserGroups", pathParams: map[string]string{"workspaceId": "ws-1"},
		query: map[string]string{"includeTeamManagers": "true"}},
	{method: "Projects", operationID: "getProjects", pathParams: map[string]string{"workspaceId": "ws-1"}},
	{method: "TimeEntries", operationID: "getTimeEntries", pathParams: map[string]string{"workspaceId": "ws-1", "userId": "u1"},
		query: map[string]string{"start": "2026-11-16T00:00:00Z", "end": "2026-11-23T00:00:00Z"}},
	{method: "InProgress", operationID: "getInProgressTimeEntries", pathParams: map[string]string{"workspaceId": "ws-1"},
		query: map[string]string{"page-size": "1000"}},
	{method: "Holidays", operationID: "getHolidays", pathParams: map[string]string{"workspaceId": "ws-1"}},
	{method: "TimeOffRequests", operationID: "getTimeOffRequest", pathParams: map[string]string{"workspaceId": "ws-1"},
		body: map[string]any{"page": 1, "pageSize": 200, "statuses": []string{"APPROVED"},
			"start": "2026-11-16T00:00:00.000Z", "end": "2026-11-23T00:00:00.000Z"}},
	{method: "StartTimer", operationID: "createForOthers", pathParams: map[string]string{"workspaceId": "ws-1", "userId": "u1"},
		body: map[string]any{"start": "2026-11-18T09:00:00Z", "description": "spec"}},
	{method: "AddTimeEntry", operationID: "createForOthers", pathParams: map[string]string{"workspaceId": "ws-1", "userId": "u1"},
		body: map[string]any{"start": "2026-11-18T09:00:00Z", "end": "2026-11-18T11:30:00Z", "description": "spec"}},
	{method: "StopTimer", operationID: "stopRunningTimeEntry", pathParams: map[string]string{"workspaceId": "ws-1", "userId": "u1"},
		body: map[string]any{"end": "2026-11-18T10:00:00Z"}},
	{method: "DetailedReport", operationID: "generateDetailedReport", pathParams: map[string]string{"workspaceId": "ws-1"},
		body: map[string]any{"dateRangeStart": "2026-11-16T00:00:00.000", "dateRangeEnd": "2026-11-22T23:59:59.999", "timeZone": "UTC",
			"detailedFilter": map[string]any{"page": 1, "pageSize": 1000}, "exportType": "JSON"}},
	{method: "Webhooks", operationID: "getWebhooks", pathParams: map[string]string{"workspaceId": "ws-1"},
		query: map[string]string{"type": "USER_CREATED"}},
	{method: "CreateWebhook", operationID: "createWebhook", pathParams: map[string]string{"workspaceId": "ws-1"},
		body: map[string]any{"name": "clockbot", "url": "https://bot.example/webhooks/clockify", "webhookEvent": "NEW_TIME_ENTRY",
			"triggerSource": []string{"ws-1"}, "triggerSourceType": "WORKSPACE_ID"}},
	{method: "Webhook", operationID: "getWebhook", pathParams: map[string]string{"workspaceId": "ws-1", "webhookId": specWebhookID}},
	{method: "UpdateWebhook", operationID: "updateWebhook", pathParams: map[string]string{"workspaceId": "ws-1", "webhookId": specWebhookID},
		body: map[string]any{"url": "https://bot.example/webhooks/clockify", "webhookEvent": "TIMER_STOPPED",
			"triggerSource": []string{"ws-1"}, "triggerSourceType": "WORKSPACE_ID"}},
	{method: "DeleteWebhook", operationID: "deleteWebhook", pathParams: map[string]string{"workspaceId": "ws-1", "webhookId": specWebhookID}},
	{method: "RegenerateWebhookToken", operationID: "generateNewToken", pathParams: map[string]string{"workspaceId": "ws-1", "webhookId": specWebhookID}},
	{method: "WebhookStatuses", operationID: "getWebhookEventStatusesWithLatestLog", pathParams: map[string]string{"workspaceId": "ws-1", "webhookId": specWebhookID},
		query: map[string]string{"page": "1", "size": "50", "statuses": "FAILED"}},
	{method: "WebhookLogs", operationID: "getLogsForWebhook", pathParams: map[string]string{"workspaceId": "ws-1", "webhookId": specWebhookID},
		query: map[string]string{"page": "1", "size": "50"}, body: map[string]any{"sortByNewest": true, "status": "ALL"}},
}

// specWebhookID is the id of the webhook every document check starts with.
const specWebhookID = "wh-spec"

// findSpec walks up from the working directory to the official document;
// ok is false when it is not there.
func findSpec(t *testing.T) (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, specFile)
		if _, err := os.Stat(p); err == nil {
			return p, true
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", false
		}
		dir = up
	}
}

// openAPI is the part of an OpenAPI 3 document the test reads.
type openAPI struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Parameters map[string]specParam  `json:"parameters"`
		Schemas    map[string]specSchema `json:"schemas"`
	} `json:"components"`
}

type specParam struct {
	Ref      string `json:"$ref"`
	Name     string `json:"name"`
	In       string `json:"in"`
	Required bool   `json:"required"`
}

type specSchema struct {
	Ref      string   `json:"$ref"`
	Required []string `json:"required"`
}

type specOp struct {
	OperationID string      `json:"operationId"`
	Parameters  []specParam `json:"parameters"`
	RequestBody *struct {
		Required bool `json:"required"`
		Content  map[string]struct {
			Schema specSchema `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
}

// docOp is an operation found in the document.
type docOp struct {
	verb, path string
	op         specOp
}

func loadOperations(t *testing.T, path string) (openAPI, map[string]docOp) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPI
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	ops := map[string]docOp{}
	for p, item := range doc.Paths {
		for verb, rawOp := range item {
			var op specOp
			if json.Unmarshal(rawOp, &op) != nil || op.OperationID == "" {
				continue
			}
			ops[op.OperationID] = docOp{verb: strings.ToUpper(verb), path: p, op: op}
		}
	}
	return doc, ops
}

// TestFakeRefusesWhatTheDocumentRequires checks, for every operation the
// client uses, that the fake accepts a valid request and answers 4xx when
// any path, query or body parameter the official document marks required
// is missing. The document decides.
func TestFakeRefusesWhatTheDocumentRequires(t *testing.T) {
	path, ok := findSpec(t)
	if !ok {
		t.Skipf("official Clockify document %s not found in a parent of the working directory; skipping the document check", specFile)
	}
	doc, ops := loadOperations(t, path)
	for _, co := range clientOperations {
		t.Run(co.method, func(t *testing.T) {
			d, ok := ops[co.operationID]
			if !ok {
				t.Fatalf("operationId %q of %s is not in the document", co.operationID, co.method)
			}
			send := func(t *testing.T, params, query map[string]string, body any) response {
				s := NewTB(t)
				s.AddUser(User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
				s.AddWebhook(Webhook{ID: specWebhookID, Event: "NEW_TIME_ENTRY", URL: "https://bot.example/webhooks/clockify"})
				if d.op.OperationID == "stopRunningTimeEntry" {
					s.AddEntry(Entry{UserID: "u1", Start: time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)})
				}
				prefix := "/api"
				if strings.Contains(d.path, "/reports/") {
					prefix = "/reports"
				}
				var segs []string
				for _, seg := range strings.Split(d.path, "/") {
					if strings.HasPrefix(seg, "{") {
						v, ok := params[strings.Trim(seg, "{}")]
						if !ok {
							continue // the parameter is missing: so is its segment
						}
						seg = v
					}
					segs = append(segs, seg)
				}
				u := prefix + strings.Join(segs, "/")
				if len(query) > 0 {
					q := make([]string, 0, len(query))
					for _, k := range slices.Sorted(maps.Keys(query)) {
						q = append(q, k+"="+query[k])
					}
					u += "?" + strings.Join(q, "&")
				}
				return call(t, s, d.verb, u, body)
			}
			var body any
			if co.body != nil {
				body = co.body
			}
			t.Run("valid", func(t *testing.T) {
				if r := send(t, co.pathParams, co.query, body); r.Status/100 != 2 {
					t.Fatalf("%s %s: status %d, want 2xx; body %s", d.verb, d.path, r.Status, r.Body)
				}
			})
			for _, p := range d.op.Parameters {
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				if !p.Required {
					continue
				}
				t.Run("without "+p.In+" "+p.Name, func(t *testing.T) {
					params, query := maps.Clone(co.pathParams), maps.Clone(co.query)
					switch p.In {
					case "path":
						if other, ok := sameRequest(ops, d.verb, strings.Replace(d.path, "/{"+p.Name+"}", "", 1)); ok {
							t.Skipf("without %s the request is %s, another operation", p.Name, other)
						}
						delete(params, p.Name)
					case "query":
						delete(query, p.Name)
					default:
						t.Skipf("required %s parameter %s is not checked", p.In, p.Name)
					}
					if r := send(t, params, query, body); r.Status/100 != 4 {
						t.Errorf("status %d, want 4xx; body %s", r.Status, r.Body)
					}
				})
			}
			rb := d.op.RequestBody
			if rb == nil {
				return
			}
			if rb.Required {
				t.Run("without body", func(t *testing.T) {
					if r := send(t, co.pathParams, co.query, nil); r.Status/100 != 4 {
						t.Errorf("status %d, want 4xx; body %s", r.Status, r.Body)
					}
				})
			}
			for _, c := range rb.Content {
				schema := c.Schema
				if schema.Ref != "" {
					schema = doc.Components.Schemas[strings.TrimPrefix(schema.Ref, "#/components/schemas/")]
				}
				for _, field := range schema.Required {
					t.Run("without body "+field, func(t *testing.T) {
						b := maps.Clone(co.body)
						delete(b, field)
						if r := send(t, co.pathParams, co.query, b); r.Status/100 != 4 {
							t.Errorf("status %d, want 4xx; body %s", r.Status, r.Body)
						}
					})
				}
			}
		})
	}
}

// TestFakeRefusesBadFormatsAndLimits checks the formats and limits of the
// document that are not required-ness: date-times in
// yyyy-MM-ddThh:mm:ssZ, page-size maxima and the description's 3000
// characters. Each answer is a 400 with Clockify's error shape.
func TestFakeRefusesBadFormatsAndLimits(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com", TimeZone: "UTC"})
	const ws = "/api/v1/workspaces/ws-1"
	for _, tc := range []struct {
		name, method, path string
		body               any
	}{
		{"entries start with an offset", "GET", ws + "/user/u1/time-entries?start=2026-11-16T00:00:00%2B01:00", nil},
		{"entries start as a date", "GET", ws + "/user/u1/time-entries?start=2026-11-16", nil},
		{"create start with an offset", "POST", ws + "/user/u1/time-entries", map[string]any{"start": "2026-11-16T09:00:00+01:00"}},
		{"create description over 3000", "POST", ws + "/user/u1/time-entries", map[string]any{"start": "2026-11-16T09:00:00Z", "description": strings.Repeat("x", 3001)}},
		{"stop end as a date", "PATCH", ws + "/user/u1/time-entries", map[string]any{"end": "2026-11-16"}},
		{"users page size over 5000", "GET", ws + "/users?include-roles=false&page-size=5001", nil},
		{"projects page size over 5000", "GET", ws + "/projects?page-size=5001", nil},
		{"groups page size over 5000", "GET", ws + "/user-groups?page-size=5001", nil},
		{"in-progress page size over 1000", "GET", ws + "/time-entries/status/in-progress?page-size=1001", nil},
		{"users status in lower case", "GET", ws + "/users?include-roles=false&status=active", nil},
		{"users memberships in lower case", "GET", ws + "/users?include-roles=false&memberships=workspace", nil},
		{"create type in lower case", "POST", ws + "/user/u1/time-entries", map[string]any{"start": "2026-11-16T09:00:00Z", "type": "regular"}},
		{"users sort order not in the enum", "GET", ws + "/users?include-roles=false&sort-order=UP", nil},
		{"users sort column not in the enum", "GET", ws + "/users?include-roles=false&sort-column=AGE", nil},
		{"groups sort column not in the enum", "GET", ws + "/user-groups?sort-column=EMAIL", nil},
		{"projects sort order not in the enum", "GET", ws + "/projects?sort-order=up", nil},
		{"time off page over 1000", "POST", ws + "/time-off/requests", map[string]any{"page": 1001, "pageSize": 50}},
		{"time off page size over 200", "POST", ws + "/time-off/requests", map[string]any{"page": 1, "pageSize": 201}},
		{"time off start with an offset", "POST", ws + "/time-off/requests", map[string]any{"start": "2026-11-16T00:00:00+01:00", "end": "2026-11-17T00:00:00Z"}},
		{"webhook event not in the enum", "POST", ws + "/webhooks", map[string]any{"url": "https://bot.example/h", "webhookEvent": "ENTRY_CREATED", "triggerSource": []string{"ws-1"}, "triggerSourceType": "WORKSPACE_ID"}},
		{"webhook URL not absolute", "POST", ws + "/webhooks", map[string]any{"url": "bot.example/h", "webhookEvent": "NEW_PROJECT", "triggerSource": []string{"ws-1"}, "triggerSourceType": "WORKSPACE_ID"}},
		{"webhook list type not in the enum", "GET", ws + "/webhooks?type=ALL", nil},
		{"webhook logs status not in the enum", "POST", ws + "/webhooks/wh-x/logs", map[string]any{"status": "OK"}},
		{"webhook statuses size under 1", "GET", ws + "/webhooks/wh-x/statuses?size=0", nil},
		{"report page size over 1000", "POST", "/reports/v1/workspaces/ws-1/reports/detailed", map[string]any{
			"dateRangeStart": "2026-11-16T00:00:00.000", "dateRangeEnd": "2026-11-22T23:59:59.999", "detailedFilter": map[string]any{"pageSize": 1001}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, tc.method, tc.path, tc.body)
			if r.Status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400; body %.200s", r.Status, r.Body)
			}
			var e struct {
				Message *string `json:"message"`
				Code    *int    `json:"code"`
			}
			if err := json.Unmarshal(r.Body, &e); err != nil || e.Message == nil || *e.Message == "" || e.Code == nil {
				t.Errorf("body %s is not Clockify's {\"message\", \"code\"} error", r.Body)
			}
		})
	}
}

// sameRequest returns the operation of ops answering verb on path, if any.
func sameRequest(ops map[string]docOp, verb, path string) (string, bool) {
	for id, o := range ops {
		if o.verb == verb && o.path == path {
			return id, true
		}
	}
	return "", false
}
