package main

import (
	"context"
	"fmt"
	"sync"
)

// damageAlert tells the admins, once per process, that the database is
// damaged, whether the check at start found it or a read failed later.
type damageAlert struct {
	a    *app
	once sync.Once
}

// check reports whether the store is damaged and, the first time it is,
// logs it and sends each admin a direct message saying what to do.
func (d *damageAlert) check(ctx context.Context) bool {
	err := d.a.store.Damaged()
	if err == nil {
		return false
	}
	d.once.Do(func() {
		d.a.log.Error("database damaged: syncs and weekly reports are stopped, /tt keeps answering what it can", "err", err)
		if d.a.deliverer == nil {
			return
		}
		msg := fmt.Sprintf(":rotating_light: clockbot's database is damaged, so it stopped syncing and sending reports (/tt still answers what it can).\n%s\nTo restore: stop clockbot, copy your latest `clockbot db backup` over `%s`, and start it again.", err, d.a.cfg.DB)
		if err := d.a.deliverer.NotifyAdmins(ctx, msg); err != nil {
			d.a.log.Error("notify admins of the damaged database", "err", err)
		}
	})
	return true
}
