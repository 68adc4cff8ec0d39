package main

import (
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/memberlist"
)

// Observation kinds, all with exact times: the event delegate and memberlist's log lines.
// memberlist 0.2.2 tells no delegate about suspicion, and its Members() cannot show it either:
// state.go keeps a member's state in nodeState.State, which shadows the embedded Node.State
// that Members() and the delegate receive (that one is never set). So a suspicion is seen only
// at its prober (the log line), and a leave cannot be told apart from a death (no case here
// has a leave).
const (
	KindDead         = "dead"          // event delegate NotifyLeave
	KindAlive        = "alive"         // NotifyJoin: learned, or alive again after dead
	KindProbeSuspect = "probe_suspect" // log: "Suspect X has failed, no acks received" (the prober)
	KindTimeoutDead  = "timeout_dead"  // log: "Marking X as failed, suspect timeout reached"
	KindRefute       = "refute"        // log: "Refuting a suspect message" (subject = the node itself)
)

type Observation struct {
	At       time.Duration // since the scenario's time 0
	Kind     string
	Observer int
	Subject  int
}

// Cluster is one replication: n memberlist instances on one Network.
type Cluster struct {
	n       int
	net     *Network
	config  func(i int) *memberlist.Config
	ml      []*memberlist.Memberlist
	nameIdx map[string]int

	mu        sync.Mutex
	recording bool
	t0        time.Time
	obs       []Observation
	listed    [][]bool // from the last poll: observer lists subject (alive or suspect)
}

// nodeName is GossipSim's representative name of node i (MemberlistWire.Name): "node" and six
// letters and digits from a SplitMix64 hash of i. Names and addresses shaped as the model's make
// LZW find the same repetitions on both sides, so compressed sizes compare like with like
// (sequential names such as node-00042 compress far better than real host names).
func nodeName(i int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	z := uint64(i) + 0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	hash := z ^ (z >> 31)
	name := []byte("node______")
	for k := 4; k < 10; k++ {
		name[k] = alphabet[hash%36]
		hash /= 36
	}
	return string(name)
}

func NewCluster(nw *Network, n int, config func(i int) *memberlist.Config) *Cluster {
	c := &Cluster{n: n, net: nw, config: config, ml: make([]*memberlist.Memberlist, n),
		nameIdx: map[string]int{}, listed: make([][]bool, n)}
	for i := 0; i < n; i++ {
		if j, dup := c.nameIdx[nodeName(i)]; dup {
			panic(fmt.Sprintf("nodes %d and %d have the same name %s", j, i, nodeName(i)))
		}
		c.nameIdx[nodeName(i)] = i
		c.listed[i] = make([]bool, n)
	}
	return c
}

// Start creates node i and, unless it is the first, joins it through the given seed ids.
func (c *Cluster) Start(i int, seeds []int) error {
	conf := c.config(i)
	conf.Name = nodeName(i)
	conf.Transport = c.net.eps[i]
	conf.Events = &eventSink{c, i}
	conf.Logger = log.New(&logSink{c, i}, "", 0)
	m, err := memberlist.Create(conf)
	if err != nil {
		return fmt.Errorf("node %d: %v", i, err)
	}
	c.mu.Lock()
	c.ml[i] = m
	c.mu.Unlock()
	if len(seeds) > 0 {
		addrs := make([]string, len(seeds))
		for k, s := range seeds {
			addrs[k] = c.net.eps[s].addr
		}
		if _, err := m.Join(addrs); err != nil {
			return fmt.Errorf("node %d join: %v", i, err)
		}
	}
	return nil
}

// Rejoin makes running node i push-pull with node seed again.
func (c *Cluster) Rejoin(i, seed int) error {
	c.mu.Lock()
	m := c.ml[i]
	c.mu.Unlock()
	if m == nil {
		return fmt.Errorf("node %d rejoin: not running", i)
	}
	if _, err := m.Join([]string{c.net.eps[seed].addr}); err != nil {
		return fmt.Errorf("node %d rejoin: %v", i, err)
	}
	return nil
}

// Crash cuts node i off and stops its goroutines without a leave message.
func (c *Cluster) Crash(i int) {
	c.net.eps[i].Crash()
	c.mu.Lock()
	m := c.ml[i]
	c.ml[i] = nil
	c.mu.Unlock()
	if m != nil {
		m.Shutdown()
	}
}

func (c *Cluster) StopAll() {
	for i := 0; i < c.n; i++ {
		c.Crash(i)
	}
}

// Live returns the ids of running nodes.
func (c *Cluster) Live() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ids []int
	for i, m := range c.ml {
		if m != nil {
			ids = append(ids, i)
		}
	}
	return ids
}

// Converged: every running node lists exactly the running nodes (alive or suspect).
func (c *Cluster) Converged() bool {
	live := c.Live()
	for _, i := range live {
		c.mu.Lock()
		m := c.ml[i]
		c.mu.Unlock()
		if m == nil || m.NumMembers() != len(live) {
			return false
		}
	}
	return true
}

// BeginRecording sets the scenario's time 0: observations before it (the bootstrap) are dropped.
func (c *Cluster) BeginRecording() {
	c.mu.Lock()
	c.t0 = time.Now()
	c.recording = true
	c.mu.Unlock()
}

func (c *Cluster) Since() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Since(c.t0)
}

func (c *Cluster) record(kind string, observer int, subjectName string) {
	subject, ok := c.nameIdx[subjectName]
	if !ok {
		return
	}
	c.mu.Lock()
	if c.recording {
		c.obs = append(c.obs, Observation{time.Since(c.t0), kind, observer, subject})
	}
	c.mu.Unlock()
}

// Observations returns a copy of what was recorded so far.
func (c *Cluster) Observations() []Observation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Observation(nil), c.obs...)
}

// Poll reads every running node's member list (alive and suspect members) once.
func (c *Cluster) Poll() {
	for _, i := range c.Live() {
		c.mu.Lock()
		m := c.ml[i]
		c.mu.Unlock()
		if m == nil {
			continue
		}
		now := make([]bool, c.n)
		for _, node := range m.Members() {
			if j, ok := c.nameIdx[node.Name]; ok {
				now[j] = true
			}
		}
		c.listed[i] = now
	}
}

// AllListAllLive: every running node lists every running node (the view accuracy of 1 that
// GossipSim's reconvergence waits for), from the last poll.
func (c *Cluster) AllListAllLive() bool {
	live := c.Live()
	for _, i := range live {
		for _, j := range live {
			if i != j && !c.listed[i][j] {
				return false
			}
		}
	}
	return true
}

type eventSink struct {
	c *Cluster
	i int
}

func (e *eventSink) NotifyJoin(n *memberlist.Node)  { e.c.record(KindAlive, e.i, n.Name) }
func (e *eventSink) NotifyLeave(n *memberlist.Node) { e.c.record(KindDead, e.i, n.Name) }
func (e *eventSink) NotifyUpdate(*memberlist.Node)  {}

// logSink turns memberlist's log lines (state.go) into observations; log.Logger writes one
// line per call.
type logSink struct {
	c *Cluster
	i int
}

var logPatterns = []struct{ prefix, kind string }{
	{"[INFO] memberlist: Suspect ", KindProbeSuspect},
	{"[INFO] memberlist: Marking ", KindTimeoutDead},
}

func (l *logSink) Write(p []byte) (int, error) {
	line := string(p)
	for _, pat := range logPatterns {
		if strings.HasPrefix(line, pat.prefix) {
			rest := line[len(pat.prefix):]
			if sp := strings.IndexByte(rest, ' '); sp > 0 {
				l.c.record(pat.kind, l.i, rest[:sp])
			}
			return len(p), nil
		}
	}
	if strings.HasPrefix(line, "[WARN] memberlist: Refuting a suspect message") {
		l.c.record(KindRefute, l.i, nodeName(l.i))
	}
	return len(p), nil
}
