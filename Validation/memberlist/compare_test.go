package main

import (
	"math"
	"testing"
	"time"
)

func TestInterval_CutsTheLowEndAtZero(t *testing.T) {
	// crash-n30's real first suspicion over 3 seeds: mean 2.4 s, half-width 2.41 s.
	if got, want := interval(2.4, 2.40821, 3), "2.4 [0, 4.81] (3)"; got != want {
		t.Errorf("interval = %q, want %q", got, want)
	}
}

func TestInterval_KeepsAnIntervalAboveZero(t *testing.T) {
	if got, want := interval(2.75, 2.14, 3), "2.75 [0.61, 4.89] (3)"; got != want {
		t.Errorf("interval = %q, want %q", got, want)
	}
}

func TestInterval_OneRunOrNone(t *testing.T) {
	if got, want := interval(1.5, math.NaN(), 1), "1.5 (1)"; got != want {
		t.Errorf("interval = %q, want %q", got, want)
	}
	if got, want := interval(math.NaN(), math.NaN(), 0), "—"; got != want {
		t.Errorf("interval = %q, want %q", got, want)
	}
}

func TestStats_StudentTOverTheRuns(t *testing.T) {
	// 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.303, half-width 4.303 / sqrt(3).
	mean, half, k := stats([]float64{1, 2, math.NaN(), 3})
	if mean != 2 || k != 3 || math.Abs(half-4.303/math.Sqrt(3)) > 1e-12 {
		t.Errorf("stats = %v, %v, %v", mean, half, k)
	}
}

func TestUnansweredDialWire_TheSynsBeforeTheTimeout(t *testing.T) {
	// As GossipSim's OpenStreamTests: SYNs at 0, 1, 3, 7, 15, 31 and 63 s, 60 B each.
	for _, c := range []struct {
		timeout time.Duration
		wire    int64
	}{{0, 60}, {500 * time.Millisecond, 60}, {time.Second, 60}, {10 * time.Second, 240}, {30 * time.Second, 300}, {200 * time.Second, 420}} {
		if got := unansweredDialWire(c.timeout); got != c.wire {
			t.Errorf("unansweredDialWire(%v) = %d, want %d", c.timeout, got, c.wire)
		}
	}
}
