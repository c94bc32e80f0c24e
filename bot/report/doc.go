// Package report builds people's weeks and days from the store: the weekly
// report of everyone (Builder.Build), the week of a few people
// (Builder.Users, which /tt week, the Home tab and the report all use, so
// one person's week is the same everywhere), a day's totals, the report
// settings admins change (read and edited in one store transaction), and
// the weekly message those weeks are rendered into.
//
// It must not know how a message is delivered or how Slack is talked to
// beyond rendering blocks; Slack ids come from an injected directory, for
// everyone at once (Build) or one person at a time (BuildUnresolved and a
// Resolver, as the weekly delivery reaches each person).
package report
