package main

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/kelseyhightower/envconfig"
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

// processEach reads each variable of Config on its own, so every value
// envconfig cannot parse is reported, not only the first it meets. The
// variables that parse are filled in (defaults included).
func processEach() (Config, configErrors) {
	var c Config
	var errs configErrors
	v := reflect.ValueOf(&c).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		one := reflect.New(reflect.StructOf([]reflect.StructField{{Name: f.Name, Type: f.Type, Tag: f.Tag}}))
		err := envconfig.Process("", one.Interface())
		var pe *envconfig.ParseError
		switch {
		case errors.As(err, &pe):
			errs.add(&ConfigError{Var: pe.KeyName, Reason: fmt.Sprintf("%q is not %s", pe.Value, kindOf(pe.TypeName))})
		case err == nil:
			v.Field(i).Set(one.Elem().Field(0))
		}
	}
	return c, errs
}

// withoutRepeats adds the problems of err whose variable es does not name
// yet: a variable that did not parse is not also "out of range".
func (es configErrors) withoutRepeats(err error) configErrors {
	var more configErrors
	more.add(err)
	out := es
	for _, e := range more {
		if !slices.ContainsFunc(es, func(x *ConfigError) bool { return x.Var == e.Var }) {
			out = append(out, e)
		}
	}
	return out
}
