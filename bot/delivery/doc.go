// Package delivery sends the weekly messages exactly once: the ledger of
// what was sent where (every read-modify-write one store transaction), the
// group DM, private channel or channel each message goes to, the weekly
// runner and its schedule (sync, build, deliver, catch up when missed),
// and the admins' digest.
//
// It must not know how a message is rendered beyond calling the report
// package, nor what managers do with it afterwards (bot/actions).
package delivery
