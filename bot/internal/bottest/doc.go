// Package bottest holds the test fixtures several feature packages share:
// a settable clock and a recorder of the waits a client would sleep.
//
// It is imported by tests only and must not know any feature.
package bottest
