// Package notices tells people about time: a post to NOTIFY_CHANNEL when
// someone who asked for it starts or stops a timer (it is a timer
// listener), and the daily summary DM at the time each person chose.
//
// It must not know how timers are started, nor the weekly report.
package notices
