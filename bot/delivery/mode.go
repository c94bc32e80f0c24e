package delivery

// Delivery modes of REPORT_DELIVERY.
const (
	// GroupDM opens a group DM with the person and their managers
	// (Slack allows 8 people; with more it falls back to a private channel).
	GroupDM = "group_dm"
	// PrivateChannel keeps one private channel per person.
	PrivateChannel = "private_channel"
	// Channel posts into one shared channel, mentioning everyone.
	Channel = "channel"
)
