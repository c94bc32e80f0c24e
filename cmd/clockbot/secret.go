package main

import "fmt"

// Secret is a configuration value that must never be printed in full. Its
// String and GoString methods show at most the first five characters, so a
// Secret that reaches a log line or an error by accident stays redacted.
type Secret string

// String returns a redacted form: the first five characters and "…".
func (s Secret) String() string { return redact(string(s)) }

// GoString is the %#v form; it is redacted too.
func (s Secret) GoString() string { return fmt.Sprintf("Secret(%q)", redact(string(s))) }

// Reveal returns the secret itself, for handing to an API client.
func (s Secret) Reveal() string { return string(s) }

// redact keeps at most the first five characters of v.
func redact(v string) string {
	if v == "" {
		return ""
	}
	r := []rune(v)
	if len(r) <= 5 {
		return "…"
	}
	return string(r[:5]) + "…"
}
