package slacktest

import (
	"encoding/json"
	"testing"

	"github.com/slack-go/slack"
)

func homeView(text string) slack.HomeTabViewRequest {
	return slack.HomeTabViewRequest{
		Type:            slack.VTHomeTab,
		Blocks:          slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.PlainTextType, text, false, false), nil, nil)}},
		PrivateMetadata: "pm",
		ExternalID:      "home-" + text,
	}
}

func modalView(callbackID string) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      slack.NewTextBlockObject(slack.PlainTextType, "Hours", false, false),
		CallbackID: callbackID,
	}
}

func TestViewsPublish(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	ctx := testCtx(t)

	first, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeView("one")})
	mustNoErr(t, "publish", err)
	if first.View.ID == "" || first.View.Hash == "" || first.View.TeamID != "T1" {
		t.Errorf("published view = %+v, want an ID, a hash and the team", first.View)
	}
	got, ok := s.View("U1")
	if !ok {
		t.Fatal("View(U1) not found after publish")
	}
	assertJSON(t, "stored home view", got, `{"type":"home","blocks":[{"type":"section","text":{"type":"plain_text","text":"one","emoji":false}}],"private_metadata":"pm","external_id":"home-one"}`)

	stale := first.View.Hash
	second, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeView("two"), Hash: &stale})
	mustNoErr(t, "publish with the current hash", err)
	assertEqual(t, "home view ID is stable", second.View.ID, first.View.ID)
	_, err = api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeView("three"), Hash: &stale})
	wantSlackError(t, err, "hash_conflict")
	_, err = api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U2", View: homeView("two")})
	wantSlackError(t, err, "duplicate_external_id")
	if _, ok := s.View("U2"); ok {
		t.Error("View(U2) found, want none")
	}
}

func TestViewsModalStack(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	ctx := testCtx(t)

	_, err := api.OpenViewContext(ctx, "1.2.bogus", modalView("m"))
	wantSlackError(t, err, "invalid_trigger_id")

	trigger := s.NewTriggerID("U1")
	opened, err := api.OpenViewContext(ctx, trigger, modalView("first"))
	mustNoErr(t, "open", err)
	_, err = api.OpenViewContext(ctx, trigger, modalView("again"))
	wantSlackError(t, err, "exchanged_trigger_id")

	pushed, err := api.PushViewContext(ctx, s.NewTriggerID("U1"), modalView("second"))
	mustNoErr(t, "push", err)
	assertEqual(t, "stack", []string{pushed.View.RootViewID, pushed.View.PreviousViewID}, []string{opened.View.ID, opened.View.ID})
	_, err = api.PushViewContext(ctx, s.NewTriggerID("U2"), modalView("x"))
	wantSlackError(t, err, "not_found")
	_, err = api.PushViewContext(ctx, s.NewTriggerID("U1"), modalView("third"))
	mustNoErr(t, "push third", err)
	_, err = api.PushViewContext(ctx, s.NewTriggerID("U1"), modalView("fourth"))
	wantSlackError(t, err, "push_limit_reached")

	updated, err := api.UpdateViewContext(ctx, modalView("first-updated"), "", opened.View.Hash, opened.View.ID)
	mustNoErr(t, "update", err)
	assertEqual(t, "updated callback", updated.View.CallbackID, "first-updated")
	_, err = api.UpdateViewContext(ctx, modalView("x"), "", opened.View.Hash, opened.View.ID)
	wantSlackError(t, err, "hash_conflict")
	_, err = api.UpdateViewContext(ctx, modalView("x"), "", "", "VNOPE")
	wantSlackError(t, err, "not_found")

	top, ok := s.Modal("U1")
	if !ok {
		t.Fatal("Modal(U1) not found")
	}
	var m map[string]any
	mustNoErr(t, "decode modal", json.Unmarshal(top, &m))
	assertEqual(t, "top modal", m["callback_id"], any("third"))
}

func TestViewsUpdateByExternalID(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	ctx := testCtx(t)
	pub, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeView("one")})
	mustNoErr(t, "publish", err)
	v := modalView("changed")
	v.Type = slack.VTHomeTab
	up, err := api.UpdateViewContext(ctx, v, "home-one", "", "")
	mustNoErr(t, "update", err)
	assertEqual(t, "same view", up.View.ID, pub.View.ID)
	assertEqual(t, "external ID kept", up.View.ExternalID, "home-one")
	got, _ := s.View("U1")
	var m map[string]any
	mustNoErr(t, "decode", json.Unmarshal(got, &m))
	assertEqual(t, "home view updated", m["callback_id"], any("changed"))
}
