package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// configErrors is every configuration problem found in one start, so a
// wrong setup is fixed in one round rather than one variable per run. It
// matches *ConfigError with errors.As (the first problem).
type configErrors []*ConfigError

func (es configErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Var + ": " + e.Reason
	}
	return fmt.Sprintf("configuration: %d problems: %s (see `clockbot help`)", len(es), strings.Join(parts, "; "))
}

// Unwrap returns each problem.
func (es configErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// add records err: a *ConfigError, a configErrors or, for anything else,
// nothing (callers only pass configuration errors).
func (es *configErrors) add(err error) {
	var many configErrors
	var one *ConfigError
	switch {
	case err == nil:
	case errors.As(err, &many):
		*es = append(*es, many...)
	case errors.As(err, &one):
		*es = append(*es, one)
	}
}

// err returns nil without problems, the *ConfigError when there is one,
// and all of them otherwise.
func (es configErrors) err() error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return es
}

// finiteIn reports whether v is a finite number in [lo, hi]. NaN and the
// infinities, which strconv.ParseFloat accepts, are not.
func finiteIn(v, lo, hi float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= lo && v <= hi
}
