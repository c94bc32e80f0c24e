// Package clock is the one notion of "now" every feature is given: a
// function, so that tests can set and advance it.
//
// It must not know anything else.
package clock
