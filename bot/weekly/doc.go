// Package weekly holds the weekly under-hours rules as pure functions: no
// I/O, no clock reads (the evaluation time is Params.Now), no logging.
//
// A person's week is the ISO week from Monday 00:00 to the next Monday
// 00:00 in their own IANA zone (store.User.TimeZone), or in
// Params.DefaultLocation when that is empty or cannot be loaded. Days are
// local calendar days built with calendar arithmetic, so a week across a
// DST change lasts 167 or 169 hours.
//
// Evaluate applies these rules:
//
//   - Hours are the person's REGULAR entries (an empty type is REGULAR)
//     clipped to the week and split over the local days they cross. BREAK,
//     HOLIDAY and TIME_OFF entries are not worked time. A running timer
//     counts from its start to the earlier of Now and the week's end.
//   - Working days are Params.Workdays. A holiday counts when it applies
//     to the person (everyone, their id, or one of their groups) and falls
//     on a working day. Its dates are inclusive local dates; an annual
//     holiday repeats its month-day range every year from its first year,
//     wrapping over New Year, and a February 29 holiday is skipped in
//     years without one.
//   - Only APPROVED time off counts, on working days that are not
//     holidays: 1 per day a DAYS request's [Start, End) overlaps, 0.5 for
//     a half day, and for HOURS requests the hours covered that day over
//     Params.HoursPerDay. Each day counts at most 1.
//   - The target is Params.MinHours, or the person's own target, times
//     (working days - holidays - time off) / working days, at least 0.
//
// Reasons:
//
//   - under_hours: the hours are below the target by more than a minute.
//   - day_off: a working day that is not a holiday, is not fully covered
//     by time off, has ended (Now is at or after the next local midnight)
//     and has no regular time at all. A day with half a day off still
//     expects some work, so it can be a day off; today and later days are
//     never days off.
//   - time_off: approved time off covers a working day (in the past or
//     the future) that is not a holiday.
//
// A person with any reason is flagged, unless excluded: excluded people
// keep their reasons but are never flagged.
package weekly
