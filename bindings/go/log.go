package jet

// #include "shim.h"
import "C"

import (
	"context"
	"log/slog"
	"runtime/cgo"
	"sync"
)

// LevelTrace is the slog level of libjet's trace records (below Debug).
const LevelTrace = slog.LevelDebug - 4

var (
	loggerMu sync.Mutex
	logger   *slog.Logger // nil: slog.Default()
)

// currentLogger is the logger given to SetLogger, or slog.Default().
func currentLogger() *slog.Logger {
	loggerMu.Lock()
	defer loggerMu.Unlock()
	if logger == nil {
		return slog.Default()
	}
	return logger
}

// logSink is the user data of libjet's log callback.
type logSink struct {
	logger *slog.Logger
}

// deliver logs one libjet record with its target ("notify", "tls", ...).
func (s *logSink) deliver(level int32, target, message string) {
	s.logger.Log(context.Background(), slogLevel(level), message, slog.String("target", target))
}

// SetLogger sends libjet's log records at `level` and above to logger, with
// the attribute "target" naming the part of libjet. A nil logger silences
// libjet (panicking callbacks are then reported to slog.Default()).
// Passwords never appear in the records.
func SetLogger(l *slog.Logger, level slog.Level) error {
	loggerMu.Lock()
	logger = l
	loggerMu.Unlock()
	if l == nil {
		return check(C.jg_log_set_callback(0, C.jet_log_level_t(jetLevel(level))))
	}
	h := cgo.NewHandle(&logSink{logger: l})
	return check(C.jg_log_set_callback(C.uintptr_t(h), C.jet_log_level_t(jetLevel(level))))
}

// SetLogLevel changes the most detailed level that reaches the logger.
func SetLogLevel(level slog.Level) error {
	return check(C.jg_log_set_level(C.jet_log_level_t(jetLevel(level))))
}

// slogLevel maps a JET_LOG_* level to slog's.
func slogLevel(level int32) slog.Level {
	switch level {
	case C.JET_LOG_ERROR:
		return slog.LevelError
	case C.JET_LOG_WARN:
		return slog.LevelWarn
	case C.JET_LOG_INFO:
		return slog.LevelInfo
	case C.JET_LOG_DEBUG:
		return slog.LevelDebug
	}
	return LevelTrace
}

// jetLevel maps a slog level to the most detailed JET_LOG_* level it admits.
func jetLevel(level slog.Level) int32 {
	switch {
	case level <= LevelTrace:
		return C.JET_LOG_TRACE
	case level <= slog.LevelDebug:
		return C.JET_LOG_DEBUG
	case level <= slog.LevelInfo:
		return C.JET_LOG_INFO
	case level <= slog.LevelWarn:
		return C.JET_LOG_WARN
	}
	return C.JET_LOG_ERROR
}
