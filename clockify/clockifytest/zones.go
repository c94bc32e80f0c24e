package clockifytest

import (
	"sync"
	"time"
	_ "time/tzdata" // generated users live in IANA zones; do not depend on the host's zoneinfo
)

// zoneCache loads IANA time zones once.
type zoneCache struct {
	mu sync.Mutex
	m  map[string]*time.Location
}

// load returns the named zone; "" is UTC.
func (z *zoneCache) load(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if loc, ok := z.m[name]; ok {
		return loc, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	if z.m == nil {
		z.m = map[string]*time.Location{}
	}
	z.m[name] = loc
	return loc, nil
}

// get is load with UTC for unknown zones.
func (z *zoneCache) get(name string) *time.Location {
	loc, err := z.load(name)
	if err != nil {
		return time.UTC
	}
	return loc
}
