package httpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
)

// ReadyURL returns the /readyz URL of a listener on addr (HTTP_ADDR): an
// empty or unspecified host means this machine.
func ReadyURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("HTTP_ADDR %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}

// Healthcheck asks the listener on addr whether the bot is ready: nil for
// 200, otherwise an error with the reason /readyz gave.
func Healthcheck(ctx context.Context, client *http.Client, addr string) error {
	if addr == "" {
		return fmt.Errorf("HTTP_ADDR is empty: the listener is off, nothing to check")
	}
	u, err := ReadyURL(addr)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	var out struct{ Reason string }
	if json.Unmarshal(b, &out) == nil && out.Reason != "" {
		return fmt.Errorf("not ready: %s", out.Reason)
	}
	return fmt.Errorf("not ready: %s %s", resp.Status, strings.TrimSpace(string(b)))
}
