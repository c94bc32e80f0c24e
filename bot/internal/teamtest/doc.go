// Package teamtest is the fixture the Home tab's and the manager buttons'
// tests share: a small team in the fake Clockify and the fake Slack, its
// week 2026-W46 delivered in a shared channel, and helpers that press
// buttons and submit modals through the router as the runtime would.
//
// It is imported by tests only; it builds the features below the Home tab
// and the buttons, never those two (each test package registers its own).
package teamtest
