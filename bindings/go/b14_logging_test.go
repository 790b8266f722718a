package jet_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"libjet.dev/jet"
)

func TestB14_LibjetRecordsReachSlogWithoutPasswords(t *testing.T) {
	const secret = "pw-B14-do-not-log"
	log := captureLog(t, slog.LevelDebug)
	n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{
		Port: uint16(mosquitto.port), User: "someone", Password: secret,
	})
	if err != nil {
		t.Fatal(err)
	}
	n.Close()
	if _, err := openSim(t, secret); err == nil {
		t.Fatal("a wrong password logged in")
	}
	s := mustOpenSim(t)
	s.Close()
	text := log.String()
	if !strings.Contains(text, "target=notify") || strings.Count(text, "\n") < 3 {
		t.Fatalf("libjet's records did not reach slog:\n%s", text)
	}
	if strings.Contains(text, secret) || strings.Contains(text, simPassword) {
		t.Fatalf("a password was logged:\n%s", text)
	}
}

func TestB14_LevelsFilter(t *testing.T) {
	log := captureLog(t, slog.LevelError)
	n := openMosquitto(t)
	n.Close()
	if strings.Contains(log.String(), "level=INFO") || strings.Contains(log.String(), "level=DEBUG") {
		t.Fatalf("records below the level reached slog:\n%s", log.String())
	}
	if err := jet.SetLogLevel(slog.LevelInfo); err != nil {
		t.Fatal(err)
	}
	n = openMosquitto(t)
	n.Close()
	if !strings.Contains(log.String(), "level=INFO") {
		t.Fatalf("no info record after raising the level:\n%s", log.String())
	}
}
