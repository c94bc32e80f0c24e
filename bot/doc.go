// Package bot assembles clockbot's features for cmd: New wires the sync,
// the report, the delivery, the timer service, the notices, /tt and the
// App Home tab onto one Socket Mode router, from one configuration. The
// end-to-end tests, through the fake Slack and the fake Clockify, live
// here too.
//
// Every feature lives in its own package below this one (see
// docs/ARCHITECTURE.md); bot holds no feature logic of its own.
package bot
