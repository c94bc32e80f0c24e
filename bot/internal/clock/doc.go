// Package clock is the one notion of "now" every feature is given: a
// function, so that tests can set and advance it, and a Sleep that
// returns early when its context ends.
//
// It must not know anything else.
package clock
