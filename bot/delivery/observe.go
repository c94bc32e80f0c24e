package delivery

// Weekly message outcomes told to an outcome observer; they match the
// bot/metrics labels.
const (
	OutcomeDelivered   = "delivered"
	OutcomeFailed      = "failed"
	OutcomeAlreadySent = "already_sent"
)

// SetOutcomeObserver makes the Deliverer tell f the outcome of every
// weekly message it handles (OutcomeDelivered, OutcomeFailed,
// OutcomeAlreadySent): the metrics. Call it before delivering.
func (d *Deliverer) SetOutcomeObserver(f func(outcome string)) { d.observe = f }

// observed tells the outcome observer, if any, of one outcome.
func (d *Deliverer) observed(outcome string) {
	if d.observe != nil {
		d.observe(outcome)
	}
}
