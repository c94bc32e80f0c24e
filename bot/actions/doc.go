// Package actions handles the manager buttons on the weekly messages
// (Acknowledge, Excuse, Details, Refresh, Adjust target) and their modals:
// who may press them, the ledger record they update (one store
// transaction each), the messages they rewrite and the admins' digest they
// keep current.
//
// It must not know the App Home tab beyond the HomeTab it is given to
// refresh, nor how weekly messages are first delivered.
package actions
