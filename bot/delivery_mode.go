package bot

// Delivery modes of REPORT_DELIVERY.
const (
	// DeliveryGroupDM opens a group DM with the person and their managers
	// (Slack allows 8 people; with more it falls back to a private channel).
	DeliveryGroupDM = "group_dm"
	// DeliveryPrivateChannel keeps one private channel per person.
	DeliveryPrivateChannel = "private_channel"
	// DeliveryChannel posts into one shared channel, mentioning everyone.
	DeliveryChannel = "channel"
)
