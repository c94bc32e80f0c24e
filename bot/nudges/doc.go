// Package nudges tells people early and privately about their time, and
// lets them fix it from Slack: the daily nudge (opt-in: a DM when
// yesterday's time is under the day's share of the target), the heads-up
// on the last working day of the week (opt-out: a DM when the week would
// be flagged on Monday, with a button to give the manager a reason), and
// logging time after the fact (`/tt log` and the Log time modal, through
// timer.Service.Log). It decides with the one week evaluation of
// bot/report (Builder.Users) and the per-day figures of bot/weekly, and
// claims a ledger record in one store transaction before each DM, so that
// nothing is sent twice, even across a restart.
//
// It must not know how the weekly report is delivered, nor how timers are
// started.
package nudges
