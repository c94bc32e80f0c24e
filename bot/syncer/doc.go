// Package syncer copies Clockify into the store: the directory (users,
// groups, projects, managers), the time entries of the windows a plan asks
// for, running timers, holidays and time off. A pass fetches everything
// first and writes it in one store transaction, so a failed fetch never
// replaces good data.
//
// It must not know Slack, the weekly rules or any feature above the store;
// it maps Clockify's types to the store's and nothing else.
package syncer
