package clockify

import "net/http"

// WithTransport sets the RoundTripper of the client's HTTP client (for
// example one that counts requests for the metrics), keeping its timeout
// and its redirect policy. A nil rt changes nothing.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *Client) {
		if rt != nil {
			hc := *c.http
			hc.Transport = rt
			c.http = &hc
		}
	}
}
