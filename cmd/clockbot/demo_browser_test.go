package main

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/clockbot/clockbot/bot/slacktest"
)

// chromiumPath finds a Chromium or Chrome binary, "" when there is none.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestDemoInBrowser drives the demo page in headless Chromium: Ivan types
// /tt status and sees the ephemeral answer; Ada presses Acknowledge on
// Emi's weekly message and sees it acknowledged.
func TestDemoInBrowser(t *testing.T) {
	path := chromiumPath()
	if path == "" {
		t.Skip("Chromium is not installed (Debian: apt-get install -y chromium); skipping the browser test of the demo page")
	}
	s, base := demoPage(t)
	ch, ts := weeklyMessage(t, s.fakes.Slack, "UEMI")

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/?as=UIVAN&c=home"),
		chromedp.WaitVisible(chromedp.ID("composer")),
		chromedp.SendKeys(chromedp.ID("composer"), "/tt status"),
	)
	if err == nil {
		// The form posts, the page answers once the bot has, and redirects.
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("send")))
	}
	if err != nil {
		t.Fatalf("typing /tt status: %v", err)
	}
	waitAnswer(ctx, t, s, "UIVAN", "is running")
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/?as=UIVAN&c="+dmOf(t, s.fakes.Slack, "UIVAN")))
	answer, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("messages")))
	if err != nil || !strings.Contains(answer, "/tt status") || !strings.Contains(answer, "Mobile App is running") {
		t.Errorf("the page shows %q (%v) after /tt status; want the command and the running timer", answer, err)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/?as=UADA&c="+ch),
		chromedp.WaitVisible(chromedp.CSS(`button[data-action="weekly_ack"]`)),
	)
	if err == nil {
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`button[data-action="weekly_ack"]`)))
	}
	if err != nil {
		t.Fatalf("pressing Acknowledge as Ada: %v", err)
	}
	// The bot updates the message after it acknowledged the click: wait
	// for that in the fake, then look at the page again.
	if _, err := s.fakes.Slack.WaitCall(ctx, "chat.update", func(c slacktest.Call) bool { return c.Params.Get("ts") == ts }); err != nil {
		t.Fatalf("the bot never updated the message: %v", err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/?as=UADA&c="+ch))
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("messages")))
	if err != nil || !strings.Contains(text, "Acknowledged by") {
		t.Errorf("after Acknowledge as Ada the page shows %q (%v); want it acknowledged", text, err)
	}

	// Kenji opens his Home tab, starts a timer from its modal with a
	// project chosen in the select, and the timer runs in Clockify.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/?as=UKENJI&c=home"),
		chromedp.WaitVisible(chromedp.ID("open-home")),
	)
	if err == nil {
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("open-home")))
	}
	if err == nil {
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`button[data-action="home_timer_start"]`)))
	}
	if err == nil {
		err = chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(".modal select")),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector(".modal select"); s.selectedIndex = [...s.options].findIndex(o => o.text.startsWith("Website Redesign")); })()`)(ctx, t)
				return err
			}),
			chromedp.SendKeys(chromedp.CSS(".modal input[type=text]"), "Demo prep"),
		)
	}
	if err == nil {
		_, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("modal-submit-button")))
	}
	if err != nil {
		t.Fatalf("starting a timer from Kenji's Home tab: %v", err)
	}
	if e, ok := s.fakes.Clockify.Running("cf-kenji"); !ok || e.ProjectID != "proj-web" || e.Description != "Demo prep" {
		t.Errorf("Kenji's running timer = %+v, %v; want Website Redesign, Demo prep", e, ok)
	}
	if html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("body"))); strings.Contains(html, `class="overlay"`) {
		t.Errorf("the modal stayed open after a successful submission")
	}
}
