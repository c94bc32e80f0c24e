// Package timer is the one way a Clockify timer is started or stopped:
// the Clockify call, the store update (the stopped entry and the running
// timer), and the listeners told of each change (channel notices, the Home
// tab). /tt and the Home tab both go through it, so a start always stops
// the running timer first and a stopped entry always has its user and end.
// Problem turns its Clockify failures into the one sentence users see.
//
// It must not know Slack rendering or where a start came from beyond the
// Origin it is given.
package timer
