package main

import (
	"sort"
	"sync"
	"time"
)

// LagMonitor measures how late this process's timers fire. memberlist's probe deadlines and
// suspicion timers are real timers; on a busy machine they fire late and the cluster behaves as
// a slower one, so a run whose timers lagged is not a measurement of memberlist and is refused.
type LagMonitor struct {
	mu     sync.Mutex
	period time.Duration
	lags   []time.Duration
	stop   chan struct{}
	done   chan struct{}
}

func StartLagMonitor(period time.Duration) *LagMonitor {
	lm := &LagMonitor{period: period, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(lm.done)
		next := time.Now()
		for {
			next = next.Add(lm.period)
			t := time.NewTimer(time.Until(next))
			select {
			case <-lm.stop:
				t.Stop()
				return
			case fired := <-t.C:
				lag := fired.Sub(next)
				if woke := time.Since(next); woke > lag {
					lag = woke // the goroutine's own wake-up counts: delegates and handlers run as late
				}
				lm.mu.Lock()
				lm.lags = append(lm.lags, lag)
				lm.mu.Unlock()
				if lag > lm.period {
					next = time.Now() // measure each stall once, not as a run of late ticks
				}
			}
		}
	}()
	return lm
}

// Reset forgets the lags so far (the bootstrap is allowed to be slow).
func (lm *LagMonitor) Reset() { lm.mu.Lock(); lm.lags = nil; lm.mu.Unlock() }

// Stats returns the largest and the 99th-percentile lag since the last Reset.
func (lm *LagMonitor) Stats() (max, p99 time.Duration) {
	lm.mu.Lock()
	l := append([]time.Duration(nil), lm.lags...)
	lm.mu.Unlock()
	if len(l) == 0 {
		return 0, 0
	}
	sort.Slice(l, func(a, b int) bool { return l[a] < l[b] })
	return l[len(l)-1], l[(len(l)*99)/100]
}

func (lm *LagMonitor) Stop() { close(lm.stop); <-lm.done }
