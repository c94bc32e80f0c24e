package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// parseLevel maps LOG_LEVEL to a slog level.
func parseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug":
		return slog.LevelDebug, nil
	case "info", "":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("%q is not debug, info, warn or error", s)
}

// newLogger builds the process logger writing to w in LOG_FORMAT.
func newLogger(w io.Writer, c Config) *slog.Logger {
	level, _ := parseLevel(c.LogLevel) // validated in loadConfig
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
