package actions

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

const annValue = "2026-W46|c-ann"

// goldenMessage renders the fake's copy of the message ts in ch.
func (e *homeEnv) goldenMessage(ch, ts string) []byte {
	e.T.Helper()
	for _, m := range e.SL.Messages(ch) {
		if m.TS == ts {
			raw, err := json.Marshal(map[string]any{"text": m.Text, "blocks": m.Blocks})
			if err != nil {
				e.T.Fatal(err)
			}
			var bs slack.Blocks
			if err := json.Unmarshal(m.Blocks, &bs); err != nil {
				e.T.Fatal(err)
			}
			bottest.CheckBlocks(e.T, bs.BlockSet, bottest.MessageLimits)
			return bottest.UnescapeHTMLJSON(e.T, raw)
		}
	}
	e.T.Fatalf("message %s not in %s", ts, ch)
	return nil
}

func TestAcknowledge(t *testing.T) {
	e := newHomeEnv(t)
	m := e.WeeklyMessage("c-ann")
	if err := e.PressOn("UMIA", report.ActionAcknowledge, annValue, m); err != nil {
		t.Fatalf("Acknowledge error: %v", err)
	}
	rec, _, _ := e.St.Delivery("2026-W46", "c-ann")
	if rec.AckBy != "UMIA" || !rec.AckAt.Equal(homeNow) {
		t.Errorf("ledger ack = %q at %v, want UMIA at %v", rec.AckBy, rec.AckAt, homeNow)
	}
	raw := e.goldenMessage(m.Channel, m.TS)
	if !strings.Contains(string(raw), "Acknowledged by <@UMIA>, Wed 10:00") {
		t.Errorf("message after Acknowledge lacks the acknowledgement: %s", raw)
	}
	if !strings.Contains(string(raw), "*18 h* logged of a *25 h* target") || !strings.Contains(string(raw), `"weekly_ack"`) {
		t.Error("Acknowledge lost the rest of the message")
	}
	bottest.CheckGolden(t, "actions", "acknowledged", raw)
	after := e.SL.Messages(m.Channel)

	// Pressed twice (by the admin, a day later): the first stays, the
	// presser is told, nothing is rewritten.
	e.Clock.Set(homeNow.Add(24 * time.Hour))
	updates := len(e.SL.Calls("chat.update"))
	if err := e.PressOn("UADM", report.ActionAcknowledge, annValue, e.WeeklyMessage("c-ann")); err != nil {
		t.Fatal(err)
	}
	if again, _, _ := e.St.Delivery("2026-W46", "c-ann"); again.AckBy != "UMIA" || !again.AckAt.Equal(homeNow) {
		t.Errorf("second Acknowledge changed the ledger to %q at %v", again.AckBy, again.AckAt)
	}
	if n := len(e.SL.Calls("chat.update")) - updates; n != 0 {
		t.Errorf("second Acknowledge updated %d messages, want 0", n)
	}
	if got := e.EphemeralsTo("UADM"); len(got) != 1 || got[0] != "Already acknowledged by <@UMIA>, Wed 10:00." {
		t.Errorf("ephemerals to the admin = %q, want the first acknowledgement", got)
	}
	if now := e.SL.Messages(m.Channel); !slices.EqualFunc(now, after, func(a, b slacktest.Message) bool { return a.TS == b.TS && string(a.Blocks) == string(b.Blocks) }) {
		t.Error("second Acknowledge changed the channel's messages")
	}
	audit := e.AuditSince(0)
	if len(audit) != 2 || audit[0].Detail != "acknowledged" || audit[1].Detail != "already acknowledged by UMIA" || audit[1].Actor != "UADM" {
		t.Errorf("audit = %+v, want the acknowledgement then the repeat", audit)
	}
}

func TestAcknowledgeAfterRestartAndResend(t *testing.T) {
	e := newHomeEnv(t)
	old := e.WeeklyMessage("c-ann")
	// The week was re-sent: the ledger points at a new message.
	_, ts, err := e.SlackAPI.PostMessageContext(e.Ctx(), "CREPORTS", slack.MsgOptionText("re-sent", false), slack.MsgOptionBlocks(
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "re-sent week", false, true), nil, nil),
		report.WeeklyActions("2026-W46", "c-ann")))
	if err != nil {
		t.Fatal(err)
	}
	rec, _, _ := e.St.Delivery("2026-W46", "c-ann")
	rec.TS = ts
	if err := e.St.PutDelivery(rec); err != nil {
		t.Fatal(err)
	}
	// A restart: new manager buttons on the same store.
	restarted := New(e.actions.cfg, Deps{Slack: e.SlackAPI, Store: e.St, People: e.People, Reports: e.Reporter, Syncer: e.Syncer, Home: e.home, Now: e.Clock.Now, Log: e.Log})
	e.Router = slackapp.NewRouter()
	e.home.Register(e.Router)
	restarted.Register(e.Router)
	e.actions = restarted

	if err := e.PressOn("UMIA", report.ActionAcknowledge, annValue, old); err != nil {
		t.Fatal(err)
	}
	for _, ts := range []string{old.TS, ts} {
		if raw := e.goldenMessage("CREPORTS", ts); !strings.Contains(string(raw), "Acknowledged by <@UMIA>") {
			t.Errorf("message %s does not show the acknowledgement: %s", ts, raw)
		}
	}
	if raw := e.goldenMessage("CREPORTS", ts); !strings.Contains(string(raw), "re-sent week") {
		t.Errorf("the re-sent message lost its content: %s", raw)
	}
	if got, _, _ := e.St.Delivery("2026-W46", "c-ann"); got.AckBy != "UMIA" || got.TS != ts {
		t.Errorf("ledger = %+v, want acknowledged by UMIA, still pointing at %s", got, ts)
	}
}

func TestAcknowledgeWithoutLedgerRecord(t *testing.T) {
	e := newHomeEnv(t)
	m := e.WeeklyMessage("c-cat")
	// The store was replaced: no record of Cat's message.
	if err := e.St.PutDelivery(store.Delivery{Week: "2026-W46", UserID: "c-cat", State: store.DeliveryPending}); err != nil {
		t.Fatal(err)
	}
	if err := e.PressOn("UMAX", report.ActionAcknowledge, "2026-W46|c-cat", m); err != nil {
		t.Fatal(err)
	}
	rec, _, _ := e.St.Delivery("2026-W46", "c-cat")
	if rec.State != store.DeliverySent || rec.TS != m.TS || rec.Channel != m.Channel || rec.AckBy != "UMAX" {
		t.Errorf("ledger = %+v, want the pressed message recorded as sent and acknowledged", rec)
	}
}

func TestExcuse(t *testing.T) {
	e := newHomeEnv(t)
	m := e.WeeklyMessage("c-ann")
	if err := e.PressOn("UMIA", report.ActionExcuse, annValue, m); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UMIA")
	bottest.CheckViewJSON(t, raw)
	bottest.CheckGolden(t, "actions", "excuse_modal", raw)
	modal := e.LastModal("UMIA")
	resp, err := e.Submit("UMIA", callbackExcuse, modal.PrivateMetadata, map[string]map[string]slack.BlockAction{
		blockExcuseReason: {slackui.InputValue: {Value: "At the <!channel> offsite\n& sick"}},
	})
	if err != nil || resp != nil {
		t.Fatalf("excuse submission = %+v, %v; want the modal closed", resp, err)
	}
	rec, _, _ := e.St.Delivery("2026-W46", "c-ann")
	if rec.ExcusedBy != "UMIA" || !rec.ExcusedAt.Equal(homeNow) || rec.ExcuseNote != "At the <!channel> offsite & sick" {
		t.Errorf("ledger excuse = %q at %v %q", rec.ExcusedBy, rec.ExcusedAt, rec.ExcuseNote)
	}
	msg := e.goldenMessage(m.Channel, m.TS)
	if !strings.Contains(string(msg), "Week excused by <@UMIA>, Wed 10:00: “At the &lt;!channel&gt; offsite &amp; sick”") {
		t.Errorf("message does not show the escaped excuse: %s", msg)
	}
	bottest.CheckGolden(t, "actions", "excused", msg)

	// Then acknowledged: both lines.
	if err := e.PressOn("UADM", report.ActionAcknowledge, annValue, e.WeeklyMessage("c-ann")); err != nil {
		t.Fatal(err)
	}
	bottest.CheckGolden(t, "actions", "excused_and_acknowledged", e.goldenMessage(m.Channel, m.TS))

	// A second excuse: the modal shows the first; a submission keeps it.
	if err := e.PressOn("UADM", report.ActionExcuse, annValue, m); err != nil {
		t.Fatal(err)
	}
	raw, _ = e.SL.Modal("UADM")
	bottest.CheckViewJSON(t, raw)
	bottest.CheckGolden(t, "actions", "already_excused_modal", raw)
	resp, err = e.Submit("UADM", callbackExcuse, modal.PrivateMetadata, map[string]map[string]slack.BlockAction{blockExcuseReason: {slackui.InputValue: {Value: "other"}}})
	if err != nil || resp == nil || !strings.Contains(resp.Errors[blockExcuseReason], "already excused") {
		t.Errorf("second excuse submission = %+v, %v; want an error saying it is already excused", resp, err)
	}
	if again, _, _ := e.St.Delivery("2026-W46", "c-ann"); again.ExcusedBy != "UMIA" || again.ExcuseNote != rec.ExcuseNote {
		t.Errorf("second excuse changed the ledger: %+v", again)
	}
}

func TestDigestCountsAnswers(t *testing.T) {
	e := newHomeEnv(t)
	digest := func() string {
		t.Helper()
		var rec store.Delivery
		if ok, err := e.St.Setting(digestLedgerKey("2026-W46", "UADM"), &rec); err != nil || !ok {
			t.Fatalf("no digest record: %v", err)
		}
		for _, m := range e.SL.Messages(rec.Channel) {
			if m.TS == rec.TS {
				return m.Text
			}
		}
		t.Fatal("digest message not found")
		return ""
	}
	if got := digest(); got != "Weekly report 2026-W46: 2 flagged, 2 delivered." {
		t.Fatalf("digest before = %q", got)
	}
	if err := e.PressOn("UMIA", report.ActionAcknowledge, annValue, e.WeeklyMessage("c-ann")); err != nil {
		t.Fatal(err)
	}
	if got, want := digest(), "Weekly report 2026-W46: 2 flagged, 2 delivered.\nManagers' answers so far: 1 acknowledged, 0 excused, 1 waiting."; got != want {
		t.Errorf("digest after an acknowledgement = %q, want %q", got, want)
	}
	if err := e.PressOn("UMAX", report.ActionExcuse, "2026-W46|c-cat", e.WeeklyMessage("c-cat")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Submit("UMAX", callbackExcuse, e.LastModal("UMAX").PrivateMetadata, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := digest(), "Weekly report 2026-W46: 2 flagged, 2 delivered.\nManagers' answers so far: 1 acknowledged, 1 excused, 0 waiting."; got != want {
		t.Errorf("digest after an excuse = %q, want %q", got, want)
	}
}

func TestAdjustTarget(t *testing.T) {
	e := newHomeEnv(t)
	m := e.WeeklyMessage("c-ann")
	if err := e.PressOn("UMIA", report.ActionAdjustTarget, annValue, m); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UMIA")
	bottest.CheckViewJSON(t, raw)
	bottest.CheckGolden(t, "actions", "target_modal", raw)
	meta := e.LastModal("UMIA").PrivateMetadata

	bad := []string{"abc", "-1", "169", "NaN"}
	for _, v := range bad {
		resp, err := e.Submit("UMIA", CallbackTarget, meta, map[string]map[string]slack.BlockAction{BlockTargetHours: {slackui.InputValue: {Value: v}}})
		if err != nil || resp == nil || resp.Errors[BlockTargetHours] == "" {
			t.Errorf("target %q: submission = %+v, %v; want an error on the field", v, resp, err)
		}
	}
	if s := e.ReportSettings(); s != "" {
		t.Fatalf("invalid targets stored settings: %s", s)
	}
	resp, err := e.Submit("UMIA", CallbackTarget, meta, map[string]map[string]slack.BlockAction{BlockTargetHours: {slackui.InputValue: {Value: "17,5"}}})
	if err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	var s report.Settings
	if _, err := e.St.Setting(store.ReportSettingsKey(), &s); err != nil {
		t.Fatal(err)
	}
	// Bob's target from REPORT_TARGETS was copied in; the exception list was not touched.
	if !s.TargetsSet || s.Targets["ann@example.com"] != 17.5 || s.Targets["bob@example.com"] != 30 || s.ExcludeSet || s.MinHours != nil {
		t.Errorf("settings = %+v, want Ann 17.5 and Bob 30, exceptions untouched", s)
	}
	// The next report uses it: Ann's 18 h now meet her target.
	rep, _, err := e.Reporter.Build(e.Ctx(), homeW46, homeNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Users {
		if u.ClockifyUserID == "c-ann" && (u.TargetHours != 17.5 || slices.Contains(u.Reasons, weekly.ReasonUnderHours)) {
			t.Errorf("Ann in the next report: target %v, reasons %v; want 17.5 and not under hours", u.TargetHours, u.Reasons)
		}
	}
	if got := e.EphemeralsTo("UMIA"); len(got) != 1 || !strings.Contains(got[0], "target of ann@example.com: the default (25 h) → 17.5 h") {
		t.Errorf("confirmation = %q", got)
	}
	// Exception list, target back to the default.
	resp, err = e.Submit("UMIA", CallbackTarget, meta, map[string]map[string]slack.BlockAction{
		BlockTargetHours:   {slackui.InputValue: {Value: ""}},
		blockTargetExclude: {slackui.InputValue: {SelectedOptions: []slack.OptionBlockObject{{Value: optionExclude}}}},
	})
	if err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	s = report.Settings{}
	_, _ = e.St.Setting(store.ReportSettingsKey(), &s)
	if _, has := s.Targets["ann@example.com"]; has || !s.ExcludeSet || strings.Join(s.Exclude, ",") != "ann@example.com,max@example.com" {
		t.Errorf("settings = %+v, want Ann without a target and on the exception list with Max", s)
	}
	audit := e.AuditSince(0)
	if last := audit[len(audit)-1]; last.Action != AuditAdjustTarget || last.Detail != "target of ann@example.com: 17.5 h → the default (25 h); ann@example.com added to the exception list" {
		t.Errorf("last audit entry = %+v", last)
	}
}

func TestParseWeeklyValue(t *testing.T) {
	tests := []struct {
		in       string
		week     string
		user     string
		wantFail bool
	}{
		{in: "2026-W46|c-ann", week: "2026-W46", user: "c-ann"},
		{in: "2026-W46", wantFail: true},
		{in: "2026-W54|c-ann", wantFail: true},
		{in: "2026-W46|", wantFail: true},
		{in: "2026-W46|a|b", wantFail: true},
		{in: "2026-W46|<@U1>", wantFail: true},
	}
	for _, tc := range tests {
		w, u, err := parseWeeklyValue(tc.in)
		if (err != nil) != tc.wantFail {
			t.Errorf("parseWeeklyValue(%q) error = %v, want failure %v", tc.in, err, tc.wantFail)
			continue
		}
		if err == nil && (w.String() != tc.week || u != tc.user) {
			t.Errorf("parseWeeklyValue(%q) = %s, %s; want %s, %s", tc.in, w, u, tc.week, tc.user)
		}
	}
}

func TestWithStatus(t *testing.T) {
	blocks, _ := report.WeeklyMessage("2026-W46", report.UserReport{ClockifyUserID: "c-ann", Hours: 1, TargetHours: 25}, report.MessageOptions{})
	at := time.Date(2026, 11, 16, 10, 14, 0, 0, time.UTC)
	rec := store.Delivery{AckBy: "UMIA", AckAt: at}
	once := withStatus(blocks, "2026-W46", "c-ann", rec, time.UTC)
	twice := withStatus(once, "2026-W46", "c-ann", rec, time.UTC)
	if len(once) != len(blocks)+1 || len(twice) != len(once) {
		t.Fatalf("got %d then %d blocks from %d, want one status block, never two", len(once), len(twice), len(blocks))
	}
	if once[len(once)-2].ID() != "weekly_status:2026-W46:c-ann" || once[len(once)-1].BlockType() != slack.MBTAction {
		t.Errorf("the status block is not just above the buttons")
	}
	if cleared := withStatus(once, "2026-W46", "c-ann", store.Delivery{}, time.UTC); len(cleared) != len(blocks) {
		t.Errorf("no status: got %d blocks, want %d", len(cleared), len(blocks))
	}
	if got := statusText(rec, time.UTC); got != ":white_check_mark: Acknowledged by <@UMIA>, Mon 10:14" {
		t.Errorf("statusText() = %q", got)
	}
}
