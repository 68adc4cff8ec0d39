package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/memberlist"
)

// Spec is one case: the same numbers the driver writes into the GossipSim scenario.
type Spec struct {
	Case                      string
	N, Seeds                  int
	Seed                      int64
	Latency                   Latency
	Loss                      float64
	Duration, Settle, Poll    time.Duration
	CrashAt                   time.Duration
	CrashID                   int
	JoinAt                    time.Duration
	PartitionAt, PartitionFor time.Duration
	PartitionCount            int
	LagLimit                  time.Duration
	LagP99Limit               time.Duration
	Parallel                  int
	Compression, TCPPings     bool
	Encrypt                   bool
}

// gossipKey: the AES-128 key every node of an encrypting cluster shares (any 16 bytes do).
var gossipKey = []byte("gossipsim-valid!")

func (s *Spec) crashes() bool    { return s.CrashID >= 0 }
func (s *Spec) joins() bool      { return s.JoinAt > 0 }
func (s *Spec) partitions() bool { return s.PartitionCount > 0 }
func (s *Spec) joinID() int      { return s.N - 1 }

// initial: ids running at the scenario's time 0 (the joiner waits).
func (s *Spec) initial() int {
	if s.joins() {
		return s.N - 1
	}
	return s.N
}

func runMain(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var s Spec
	var lat, out, obsOut string
	fs.StringVar(&s.Case, "case", "case", "label written in the case column")
	fs.IntVar(&s.N, "n", 30, "cluster size (with -join-at the last id is the joiner)")
	fs.IntVar(&s.Seeds, "seeds", 3, "replications")
	fs.IntVar(&s.Parallel, "parallel", 0, "replications run at the same time in this process (0: all)")
	fs.Int64Var(&s.Seed, "seed", 1, "seed of the first replication's network draws")
	fs.StringVar(&lat, "latency", "uniform:1ms:10ms", "one-way latency: constant:D or uniform:MIN:MAX")
	fs.Float64Var(&s.Loss, "loss", 0, "Bernoulli loss of every UDP packet from time 0")
	fs.DurationVar(&s.Duration, "duration", 60*time.Second, "scenario length after time 0")
	fs.DurationVar(&s.Settle, "settle", 20*time.Second, "quiet time between convergence of the bootstrap and time 0")
	fs.DurationVar(&s.Poll, "poll", 100*time.Millisecond, "member-list poll period (reconvergence)")
	fs.DurationVar(&s.CrashAt, "crash-at", 0, "crash time")
	fs.IntVar(&s.CrashID, "crash-id", -1, "id crashed at -crash-at (-1: none)")
	fs.DurationVar(&s.JoinAt, "join-at", 0, "time the last id joins through ids 0, 1, 2 (0: no join)")
	fs.DurationVar(&s.PartitionAt, "partition-at", 0, "partition start")
	fs.DurationVar(&s.PartitionFor, "partition-for", 0, "partition length; the heal is at start + length")
	fs.IntVar(&s.PartitionCount, "partition-count", 0, "the last this many ids are cut off from the rest")
	// A timer late by d shifts what it times by d. With 1-10 ms latency an ack has about 490 ms of
	// the 500 ms probe timeout to spare, so a stall under 200 ms cannot fail a probe, and it is
	// 2.5% of the shortest detection time compared (about 8 s); a p99 over 20 ms means the
	// process was slow throughout rather than stalled once.
	fs.DurationVar(&s.LagLimit, "lag-limit", 200*time.Millisecond, "refuse the run if a timer fired later than this")
	fs.DurationVar(&s.LagP99Limit, "lag-p99-limit", 20*time.Millisecond, "refuse the run if the 99th percentile of timer lag is above this")
	fs.BoolVar(&s.Compression, "compression", true, "EnableCompression (DefaultLANConfig: true)")
	fs.BoolVar(&s.TCPPings, "tcp-pings", true, "TCP fallback ping (DefaultLANConfig: DisableTcpPings false)")
	fs.BoolVar(&s.Encrypt, "encrypt", false, "gossip encryption with a SecretKey (DefaultLANConfig: none)")
	fs.StringVar(&out, "out", "", "runs CSV to write (one row per replication)")
	fs.StringVar(&obsOut, "observations", "", "optional CSV of every observation (seed, t_s, kind, observer, subject)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var err error
	if s.Latency, err = ParseLatency(lat); err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		return 2
	}
	if msg := s.validate(); msg != "" || out == "" {
		if out == "" {
			msg = "-out is required"
		}
		fmt.Fprintln(os.Stderr, "run:", msg)
		return 2
	}

	if s.Parallel < 1 || s.Parallel > s.Seeds {
		s.Parallel = s.Seeds
	}
	lm := StartLagMonitor(10 * time.Millisecond)
	defer lm.Stop()
	results := make([]*result, s.Seeds)
	var lagMax, lagP99 time.Duration
	for first := 0; first < s.Seeds; first += s.Parallel {
		batch := s.Parallel
		if first+batch > s.Seeds {
			batch = s.Seeds - first
		}
		var wg sync.WaitGroup
		started := make(chan int, batch)
		begin := make(chan struct{})
		for k := first; k < first+batch; k++ {
			wg.Add(1)
			go func(k int) {
				defer wg.Done()
				results[k] = runOne(&s, s.Seed+int64(k), started, begin)
			}(k)
		}
		// Time 0 is common to the batch, so the lag window covers all of its replications;
		// the bootstrap before it may lag.
		for k := 0; k < batch; k++ {
			<-started
		}
		lm.Reset()
		close(begin)
		wg.Wait()
		bmax, bp99 := lm.Stats()
		if bmax > lagMax {
			lagMax = bmax
		}
		if bp99 > lagP99 {
			lagP99 = bp99
		}
	}
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(os.Stderr, "run %s seed %d: %v\n", s.Case, r.seed, r.err)
			return 1
		}
		r.m["lag_max_ms"] = float64(lagMax) / 1e6
		r.m["lag_p99_ms"] = float64(lagP99) / 1e6
	}
	fmt.Fprintf(os.Stderr, "run %s n=%d seeds=%d: timer lag max %.1f ms, p99 %.1f ms\n",
		s.Case, s.N, s.Seeds, float64(lagMax)/1e6, float64(lagP99)/1e6)
	if lagMax > s.LagLimit || lagP99 > s.LagP99Limit {
		fmt.Fprintf(os.Stderr, "run %s: REFUSED: timers fired up to %.1f ms late, p99 %.1f ms (limits %v, %v); the machine is too busy for a real-time run of this size\n",
			s.Case, float64(lagMax)/1e6, float64(lagP99)/1e6, s.LagLimit, s.LagP99Limit)
		return 3
	}
	if err := writeRuns(out, &s, results); err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		return 1
	}
	if obsOut != "" {
		if err := writeObservations(obsOut, results); err != nil {
			fmt.Fprintln(os.Stderr, "run:", err)
			return 1
		}
	}
	return 0
}

func (s *Spec) validate() string {
	switch {
	case s.N < 4:
		return "-n must be at least 4"
	case s.Seeds < 1:
		return "-seeds must be at least 1"
	case s.Loss < 0 || s.Loss > 1:
		return "-loss must be in [0, 1]"
	case s.CrashID >= s.N || (s.crashes() && s.CrashAt >= s.Duration):
		return "-crash-id must be < -n and -crash-at < -duration"
	case s.joins() && (s.JoinAt >= s.Duration || s.N < 5):
		return "-join-at must be < -duration"
	case s.crashes() && s.joins() && s.CrashID == s.joinID():
		return "-crash-id must not be the joiner"
	case s.PartitionCount < 0 || s.PartitionCount >= s.N:
		return "-partition-count must be in [0, n)"
	case s.partitions() && (s.PartitionFor <= 0 || s.PartitionAt+s.PartitionFor >= s.Duration):
		return "-partition-for must be > 0 and the heal before -duration"
	}
	return ""
}

type result struct {
	seed int64
	err  error
	m    map[string]float64
	obs  []Observation
}

func lanConfig(s *Spec) func(int) *memberlist.Config {
	return func(int) *memberlist.Config {
		conf := memberlist.DefaultLANConfig()
		conf.EnableCompression = s.Compression
		conf.DisableTcpPings = !s.TCPPings
		if s.Encrypt {
			conf.SecretKey = gossipKey
		}
		return conf
	}
}

// runOne bootstraps one cluster, waits for convergence and the settle time, signals started,
// waits for begin (time 0), plays the faults and measures.
func runOne(s *Spec, seed int64, started chan<- int, begin <-chan struct{}) *result {
	r := &result{seed: seed, m: map[string]float64{}}
	signalled := false
	signal := func() {
		if !signalled {
			signalled = true
			started <- 1
		}
	}
	defer signal() // an error must not leave the others waiting
	nw := NewNetwork(s.N, s.Latency, 0, seed)
	if s.Encrypt {
		if r.err = nw.SetKey(gossipKey); r.err != nil {
			return r
		}
	}
	c := NewCluster(nw, s.N, lanConfig(s))
	defer c.StopAll()
	t := time.Now()
	for i := 0; i < s.initial(); i++ {
		var seeds []int
		if i > 0 {
			seeds = []int{0}
		}
		r.err = c.Start(i, seeds)
		// On a busy machine a bootstrap join can time out (TCPTimeout 10 s) while node 0 is
		// starved of CPU; that is no measurement, so the node tries twice more before the
		// replication fails.
		for try := 0; try < 2 && r.err != nil && i > 0; try++ {
			fmt.Fprintf(os.Stderr, "run %s seed %d: %v; joining again\n", s.Case, seed, r.err)
			r.err = c.Rejoin(i, 0)
		}
		if r.err != nil {
			return r
		}
	}
	// Node 0 now knows everyone, but the nodes that joined early learn the later ones only from
	// gossip, whose retransmit limit was set when the cluster was small, or from a push-pull that
	// may be 90 s away. A second push-pull with node 0 hands each node the whole list, so the
	// scenario starts from a cluster that is converged as GossipSim's is at time 0.
	started1 := time.Since(t)
	// Each of these push-pulls carries the whole cluster's state both ways, so their mean size
	// is the size of a full push-pull message at this n (compare the model's header + per member).
	var ppBytes, ppWrites int64
	for i := 1; i < s.initial(); i++ {
		b0, b1 := nw.eps[0].Counters(), nw.eps[i].Counters()
		r.err = c.Rejoin(i, 0)
		for try := 0; try < 2 && r.err != nil; try++ {
			fmt.Fprintf(os.Stderr, "run %s seed %d: %v; pushing-pulling again\n", s.Case, seed, r.err)
			r.err = c.Rejoin(i, 0)
		}
		if r.err != nil {
			return r
		}
		a0, a1 := nw.eps[0].Counters(), nw.eps[i].Counters()
		ppBytes += a0.TCPBytes - b0.TCPBytes + a1.TCPBytes - b1.TCPBytes
		ppWrites += a0.TCPWrites - b0.TCPWrites + a1.TCPWrites - b1.TCPWrites
	}
	rejoined := time.Since(t)
	deadline := time.Now().Add(120 * time.Second)
	for !c.Converged() {
		if time.Now().After(deadline) {
			r.err = fmt.Errorf("bootstrap: %d nodes did not all list each other within 120 s", s.initial())
			return r
		}
		time.Sleep(200 * time.Millisecond)
	}
	fmt.Fprintf(os.Stderr, "run %s seed %d: %d nodes started in %.1f s, rejoined by %.1f s, converged by %.1f s\n",
		s.Case, seed, s.initial(), started1.Seconds(), rejoined.Seconds(), time.Since(t).Seconds())
	time.Sleep(s.Settle)
	c.Poll()
	signal()
	<-begin

	nw.SetLoss(s.Loss)
	before := make([]Counters, s.N)
	for i, ep := range nw.eps {
		before[i] = ep.Counters()
	}
	c.BeginRecording()
	type step struct {
		at time.Duration
		do func()
	}
	var steps []step
	if s.crashes() {
		steps = append(steps, step{s.CrashAt, func() { c.Crash(s.CrashID) }})
	}
	if s.joins() {
		steps = append(steps, step{s.JoinAt, func() {
			if err := c.Start(s.joinID(), []int{0, 1, 2}); err != nil && r.err == nil {
				r.err = err
			}
		}})
	}
	cut := make([]int, 0, s.PartitionCount)
	for i := s.N - s.PartitionCount; i < s.N; i++ {
		cut = append(cut, i)
	}
	heal := s.PartitionAt + s.PartitionFor
	if s.partitions() {
		steps = append(steps, step{s.PartitionAt, func() { nw.Partition(cut) }}, step{heal, nw.Heal})
	}
	sort.SliceStable(steps, func(a, b int) bool { return steps[a].at < steps[b].at })
	reconverge := math.NaN()
	for t := c.Since(); t < s.Duration; t = c.Since() {
		for len(steps) > 0 && steps[0].at <= t {
			steps[0].do()
			steps = steps[1:]
		}
		c.Poll()
		if s.partitions() && t >= heal && math.IsNaN(reconverge) && len(steps) == 0 && c.AllListAllLive() {
			reconverge = (t - heal).Seconds()
		}
		time.Sleep(s.Poll)
	}
	after := make([]Counters, s.N)
	for i, ep := range nw.eps {
		after[i] = ep.Counters()
	}
	r.obs = c.Observations()
	r.m = measure(s, r.obs, before, after)
	r.m["size_push_pull_b"] = float64(ppBytes) / float64(ppWrites)
	if s.partitions() {
		r.m["reconverge_s"] = reconverge
	}
	return r
}

// measure turns one replication's observations and traffic into the runs.csv columns, named
// as GossipSim names the same quantity.
func measure(s *Spec, obs []Observation, before, after []Counters) map[string]float64 {
	m := map[string]float64{}
	dur := s.Duration.Seconds()
	var udpP, udpB, tcpW, tcpB, tcpWire float64
	for i := range after {
		udpP += float64(after[i].UDPPackets - before[i].UDPPackets)
		udpB += float64(after[i].UDPBytes - before[i].UDPBytes)
		tcpW += float64(after[i].TCPWrites - before[i].TCPWrites)
		tcpB += float64(after[i].TCPBytes - before[i].TCPBytes)
		tcpWire += float64(after[i].TCPWire - before[i].TCPWire)
	}
	// Up intervals, for "is the subject up", observer node-hours and the traffic rates, which are
	// per node up and per second up, as GossipSim gives them.
	upFrom := make([]float64, s.N)
	upTo := make([]float64, s.N)
	for i := range upTo {
		upTo[i] = dur
	}
	if s.joins() {
		upFrom[s.joinID()] = s.JoinAt.Seconds()
	}
	if s.crashes() {
		upTo[s.CrashID] = s.CrashAt.Seconds()
	}
	up := func(i int, t float64) bool { return t >= upFrom[i] && t < upTo[i] }
	perNodeS := 0.0
	for i := range upTo {
		perNodeS += upTo[i] - upFrom[i]
	}
	nodeHours := perNodeS / 3600

	// Bytes on the wire, as GossipSim counts them; the payload alone in the *_payload_* columns.
	udpWire := udpB + udpIPBytes*udpP
	m["bytes_per_node_s_mean"] = (udpWire + tcpWire) / perNodeS
	m["udp_bytes_per_node_s"] = udpWire / perNodeS
	m["tcp_bytes_per_node_s"] = tcpWire / perNodeS
	m["udp_payload_bytes_per_node_s"] = udpB / perNodeS
	m["tcp_payload_bytes_per_node_s"] = tcpB / perNodeS
	m["packets_per_node_s"] = udpP / perNodeS
	m["msgs_per_node_s_mean"] = (udpP + tcpW) / perNodeS
	for t, name := range packetTypeNames {
		if name == "" {
			continue
		}
		var p, b float64
		for i := range after {
			p += float64(after[i].TypePackets[t] - before[i].TypePackets[t])
			b += float64(after[i].TypeBytes[t] - before[i].TypeBytes[t])
		}
		b += udpIPBytes * p
		m["bytes_"+name+"_per_node_s"] = b / perNodeS
		m["size_"+name+"_b"] = b / p // NaN when none was sent
	}

	var fp, probeFalse, refutes float64
	firstSuspect, firstDead := math.Inf(1), math.Inf(1)
	deadAt := map[int]float64{} // crash: observer -> first death mark of the victim
	joinAt := map[int]float64{} // join: observer -> first time it listed the joiner
	for _, o := range obs {
		t := o.At.Seconds()
		switch o.Kind {
		case KindDead:
			if up(o.Subject, t) {
				fp++
			}
		case KindProbeSuspect:
			if up(o.Subject, t) {
				probeFalse++
			}
		case KindRefute:
			refutes++
		}
		if s.crashes() && o.Subject == s.CrashID && t >= s.CrashAt.Seconds() {
			d := t - s.CrashAt.Seconds()
			switch o.Kind {
			case KindProbeSuspect, KindDead:
				firstSuspect = math.Min(firstSuspect, d)
			}
			if o.Kind == KindDead {
				firstDead = math.Min(firstDead, d)
				if _, seen := deadAt[o.Observer]; !seen {
					deadAt[o.Observer] = d
				}
			}
		}
		if s.joins() && o.Subject == s.joinID() && o.Kind == KindAlive && o.Observer != s.joinID() {
			if _, seen := joinAt[o.Observer]; !seen {
				joinAt[o.Observer] = t - s.JoinAt.Seconds()
			}
		}
	}
	m["fp_declarations"] = fp
	m["observer_node_hours"] = nodeHours
	m["fp_per_node_hour"] = fp / nodeHours
	m["probe_suspicions_false"] = probeFalse
	m["false_suspicions_per_node_hour"] = probeFalse / nodeHours
	m["refutations"] = refutes
	if s.crashes() {
		m["detect_first_suspect_s"] = finite(firstSuspect)
		m["detect_first_s"] = finite(firstDead)
		m["detect_all_s"] = allOf(deadAt, s, func(i int) bool { return i != s.CrashID && upTo[i] == dur })
	}
	if s.joins() {
		m["join_all_s"] = allOf(joinAt, s, func(i int) bool { return i != s.joinID() && (!s.crashes() || i != s.CrashID) })
	}
	return m
}

func finite(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	return x
}

// allOf: the last of the observers' times, NaN unless every observer the filter admits has one.
func allOf(times map[int]float64, s *Spec, observer func(int) bool) float64 {
	last := 0.0
	for i := 0; i < s.N; i++ {
		if !observer(i) {
			continue
		}
		t, ok := times[i]
		if !ok {
			return math.NaN()
		}
		last = math.Max(last, t)
	}
	return last
}

// packetTypeNames: GossipSim's bandwidth type names for memberlist's message types (net.go);
// "compressed" is a packet LZW made smaller (compressMsg), whose content type is not known here.
var packetTypeNames = [msgTypes]string{0: "ping", 1: "ping_req", 2: "ack", 3: "suspect", 4: "alive",
	5: "dead", 7: "compound", 9: "compressed", 11: "nack"}

var runColumns = []string{"bytes_per_node_s_mean", "udp_bytes_per_node_s", "tcp_bytes_per_node_s",
	"udp_payload_bytes_per_node_s", "tcp_payload_bytes_per_node_s",
	"packets_per_node_s", "msgs_per_node_s_mean", "fp_declarations", "observer_node_hours",
	"fp_per_node_hour", "probe_suspicions_false", "false_suspicions_per_node_hour", "refutations",
	"detect_first_suspect_s", "detect_first_s", "detect_all_s", "join_all_s", "reconverge_s",
	"size_push_pull_b", "lag_max_ms", "lag_p99_ms"}

func init() {
	for _, name := range packetTypeNames {
		if name != "" {
			runColumns = append(runColumns, "bytes_"+name+"_per_node_s", "size_"+name+"_b")
		}
	}
}

func writeRuns(path string, s *Spec, results []*result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write(append([]string{"case", "nodes", "seed", "duration_s"}, runColumns...))
	for _, r := range results {
		row := []string{s.Case, strconv.Itoa(s.N), strconv.FormatInt(r.seed, 10), fmtF(s.Duration.Seconds())}
		for _, col := range runColumns {
			if v, ok := r.m[col]; ok {
				row = append(row, fmtF(v))
			} else {
				row = append(row, "")
			}
		}
		w.Write(row)
	}
	w.Flush()
	return w.Error()
}

func writeObservations(path string, results []*result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write([]string{"seed", "t_s", "kind", "observer", "subject"})
	for _, r := range results {
		for _, o := range r.obs {
			w.Write([]string{strconv.FormatInt(r.seed, 10), fmtF(o.At.Seconds()), o.Kind,
				strconv.Itoa(o.Observer), strconv.Itoa(o.Subject)})
		}
	}
	w.Flush()
	return w.Error()
}

func fmtF(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'f', 6, 64)
}
