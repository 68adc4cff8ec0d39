package main

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/memberlist"
)

// Latency is a one-way delay distribution, the two forms GossipSim scenarios of this folder use.
type Latency struct {
	Min, Max time.Duration // constant when Min == Max
}

// ParseLatency reads "constant:5ms" or "uniform:1ms:10ms".
func ParseLatency(s string) (Latency, error) {
	parts := strings.Split(s, ":")
	durs := make([]time.Duration, len(parts)-1)
	for i, p := range parts[1:] {
		d, err := time.ParseDuration(p)
		if err != nil || d < 0 {
			return Latency{}, fmt.Errorf("latency %q: %q is not a duration >= 0", s, p)
		}
		durs[i] = d
	}
	switch {
	case parts[0] == "constant" && len(durs) == 1:
		return Latency{durs[0], durs[0]}, nil
	case parts[0] == "uniform" && len(durs) == 2 && durs[0] <= durs[1]:
		return Latency{durs[0], durs[1]}, nil
	}
	return Latency{}, fmt.Errorf("latency %q: want constant:D or uniform:MIN:MAX with MIN <= MAX", s)
}

// Network is one cluster's in-process network: every packet and stream between its endpoints
// passes here, so the faults of a scenario (loss, crash, partition) and the traffic counts are
// applied and taken in one place. Nothing leaves the process: addresses are labels only.
type Network struct {
	mu      sync.Mutex
	rng     *rand.Rand
	latency Latency
	loss    float64
	group   []int // partition side of each endpoint; equal sides reach each other
	byAddr  map[string]*Endpoint
	eps     []*Endpoint
	// opener reads the cluster's encrypted packets to count them by type; nil without a key.
	opener cipher.AEAD
}

// NewNetwork makes n endpoints 10.x.y.z:7946, with x.y.z the bytes of i as GossipSim's
// representative addresses (labels; no socket is opened).
func NewNetwork(n int, lat Latency, loss float64, seed int64) *Network {
	nw := &Network{rng: rand.New(rand.NewSource(seed)), latency: lat, loss: loss,
		group: make([]int, n), byAddr: map[string]*Endpoint{}}
	for i := 0; i < n; i++ {
		ep := &Endpoint{net: nw, idx: i, ip: net.IPv4(10, byte(i>>16), byte(i>>8), byte(i)).To4(), port: 7946,
			packetCh: make(chan *memberlist.Packet, 4096), streamCh: make(chan net.Conn, 64),
			stop: make(chan struct{})}
		ep.addr = fmt.Sprintf("%s:%d", ep.ip, ep.port)
		nw.byAddr[ep.addr] = ep
		nw.eps = append(nw.eps, ep)
	}
	return nw
}

// SetKey tells the network the cluster's gossip key, so that it can read each encrypted packet's
// message type (the bytes counted stay the encrypted ones on the wire).
func (nw *Network) SetKey(key []byte) error {
	block, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	nw.opener, err = cipher.NewGCM(block)
	return err
}

// SetLoss changes the Bernoulli loss of every later packet.
func (nw *Network) SetLoss(p float64) { nw.mu.Lock(); nw.loss = p; nw.mu.Unlock() }

// Partition puts the listed endpoints on side 1 (cut from side 0); Heal puts all back on side 0.
func (nw *Network) Partition(ids []int) {
	nw.mu.Lock()
	for _, i := range ids {
		nw.group[i] = 1
	}
	nw.mu.Unlock()
}

func (nw *Network) Heal() {
	nw.mu.Lock()
	for i := range nw.group {
		nw.group[i] = 0
	}
	nw.mu.Unlock()
}

// Reachable: both ends up and on the same side of any partition.
func (nw *Network) Reachable(a, b int) bool {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	return nw.reachableLocked(a, b)
}

func (nw *Network) reachableLocked(a, b int) bool {
	return !nw.eps[a].down.Load() && !nw.eps[b].down.Load() && nw.group[a] == nw.group[b]
}

// route decides one packet at send time, as GossipSim does: reachable, the loss coin, a delay.
func (nw *Network) route(from int, to string, lossy bool) (*Endpoint, time.Duration, bool) {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	dest, ok := nw.byAddr[to]
	if !ok || !nw.reachableLocked(from, dest.idx) {
		return dest, 0, false
	}
	if lossy && nw.loss > 0 && nw.rng.Float64() < nw.loss {
		return dest, 0, false
	}
	return dest, nw.drawLocked(), true
}

func (nw *Network) drawLocked() time.Duration {
	d := nw.latency.Min
	if span := nw.latency.Max - nw.latency.Min; span > 0 {
		d += time.Duration(nw.rng.Int63n(int64(span) + 1))
	}
	return d
}

func (nw *Network) delay() time.Duration {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	return nw.drawLocked()
}

// Counters are what an endpoint sent: UDP datagrams and their payload bytes, stream writes
// (push-pull, TCP ping) and their payload bytes, and the TCP bytes on the wire (TCPWire). The
// wire bytes follow GossipSim's transport arithmetic (Simulator/Protocols/Wire/WireOverhead.cs),
// so that both sides are compared as bytes on an IPv4 wire: a UDP datagram adds udpIPBytes (the
// measure adds them per datagram), a stream write adds a TCP/IP header per segment, and each end
// of a connection adds its share of opening and closing it.
type Counters struct {
	UDPPackets, UDPBytes, TCPWrites, TCPBytes, TCPWire int64
	// By the packet's message type (net.go's messageType: the first byte, or the byte after a
	// 5-byte CRC header); compressed packets count under compressMsg.
	TypePackets, TypeBytes [msgTypes]int64
}

const (
	udpIPBytes    = 28   // IPv4 20 + UDP 8
	tcpIPBytes    = 52   // IPv4 20 + TCP 20 + the timestamp option Linux sends, 12
	tcpMaxSegment = 1448 // a 1500-byte Ethernet MTU less tcpIPBytes
	synBytes      = 60   // SYN or SYN-ACK: 40 header bytes and 20 of options
	// An end's share of a connection: its SYN (or SYN-ACK), its FIN and its ACK of the other's
	// FIN; the dialer also sends the ACK that completes the handshake.
	tcpListenerShare = synBytes + 2*tcpIPBytes
	tcpDialerShare   = tcpListenerShare + tcpIPBytes
)

// unansweredDialWire: the SYNs of a dial nobody answers, sent before its timeout on Linux's
// schedule (initial retransmission timeout 1 s, doubled each time, tcp_syn_retries 6), as
// GossipSim's WireOverhead.FailedDial counts them.
func unansweredDialWire(timeout time.Duration) int64 {
	var wire int64
	for _, s := range []time.Duration{0, 1, 3, 7, 15, 31, 63} {
		if s*time.Second < timeout || (s == 0 && timeout <= 0) {
			wire += synBytes
		}
	}
	return wire
}

// tcpSegmentsWire: a write of p payload bytes on an open connection, with a header per segment.
func tcpSegmentsWire(p int) int64 {
	segs := (p + tcpMaxSegment - 1) / tcpMaxSegment
	if segs < 1 {
		segs = 1
	}
	return int64(p + tcpIPBytes*segs)
}

const (
	msgTypes    = 16
	msgHasCrc   = 12 // hasCrcMsg in memberlist net.go
	crcHeaderSz = 5
)

// Encrypted packets (security.go encryptPayload at encryption version 1, the only one protocol
// versions from 2 use): a version byte, a 12-byte nonce, then the sealed message and its tag.
const (
	encryptionVersion = 1
	nonceSize         = 12
)

// packetType: the message type of a packet as sent, opened first when the cluster encrypts.
func (nw *Network) packetType(b []byte) int {
	if nw.opener != nil {
		if len(b) <= 1+nonceSize || b[0] != encryptionVersion {
			return msgTypes - 1
		}
		plain, err := nw.opener.Open(nil, b[1:1+nonceSize], b[1+nonceSize:], nil)
		if err != nil {
			return msgTypes - 1
		}
		b = plain
	}
	if len(b) > crcHeaderSz && b[0] == msgHasCrc {
		b = b[crcHeaderSz:]
	}
	if len(b) == 0 || int(b[0]) >= msgTypes {
		return msgTypes - 1
	}
	return int(b[0])
}

// Endpoint implements memberlist.Transport for one node.
type Endpoint struct {
	net      *Network
	idx      int
	ip       net.IP
	port     int
	addr     string
	packetCh chan *memberlist.Packet
	streamCh chan net.Conn
	stop     chan struct{}
	stopOnce sync.Once
	down     atomic.Bool
	udpPkts  atomic.Int64
	udpBytes atomic.Int64
	tcpW     atomic.Int64
	tcpBytes atomic.Int64
	tcpWire  atomic.Int64
	typeP    [msgTypes]atomic.Int64
	typeB    [msgTypes]atomic.Int64
}

func (e *Endpoint) Counters() Counters {
	c := Counters{UDPPackets: e.udpPkts.Load(), UDPBytes: e.udpBytes.Load(), TCPWrites: e.tcpW.Load(), TCPBytes: e.tcpBytes.Load(), TCPWire: e.tcpWire.Load()}
	for t := range c.TypePackets {
		c.TypePackets[t] = e.typeP[t].Load()
		c.TypeBytes[t] = e.typeB[t].Load()
	}
	return c
}

// Crash: the node stops sending and receiving at once; packets in flight to it are lost.
func (e *Endpoint) Crash() { e.down.Store(true) }

func (e *Endpoint) FinalAdvertiseAddr(string, int) (net.IP, int, error) { return e.ip, e.port, nil }

func (e *Endpoint) WriteTo(b []byte, addr string) (time.Time, error) {
	now := time.Now()
	if e.down.Load() {
		return now, nil
	}
	e.udpPkts.Add(1)
	e.udpBytes.Add(int64(len(b)))
	t := e.net.packetType(b)
	e.typeP[t].Add(1)
	e.typeB[t].Add(int64(len(b)))
	dest, d, ok := e.net.route(e.idx, addr, true)
	if !ok {
		return now, nil // UDP: a lost datagram is not an error to the sender
	}
	pkt := &memberlist.Packet{Buf: append([]byte(nil), b...), From: &net.UDPAddr{IP: e.ip, Port: e.port}}
	time.AfterFunc(d, func() {
		if dest.down.Load() {
			return
		}
		pkt.Timestamp = time.Now()
		select {
		case dest.packetCh <- pkt:
		case <-dest.stop:
		default: // a full receive buffer drops, like a socket's
		}
	})
	return now, nil
}

func (e *Endpoint) PacketCh() <-chan *memberlist.Packet { return e.packetCh }
func (e *Endpoint) StreamCh() <-chan net.Conn           { return e.streamCh }

var errUnreachable = errors.New("i/o timeout (unreachable in the validation network)")

// DialTimeout: an unreachable peer (crashed or across a cut) never answers the SYN, so the dial
// waits out its timeout, as a real blackholed connect does, and its SYNs are counted on the wire.
// A reachable one costs one delay.
func (e *Endpoint) DialTimeout(addr string, timeout time.Duration) (net.Conn, error) {
	if e.down.Load() {
		return nil, errUnreachable
	}
	dest, d, ok := e.net.route(e.idx, addr, false)
	if !ok {
		e.tcpWire.Add(unansweredDialWire(timeout))
		time.Sleep(timeout)
		return nil, errUnreachable
	}
	time.Sleep(d)
	a, b := net.Pipe()
	e.tcpWire.Add(tcpDialerShare)
	dest.tcpWire.Add(tcpListenerShare)
	server := &countedConn{Conn: a, ep: dest}
	select {
	case dest.streamCh <- server:
	case <-dest.stop:
		return nil, errUnreachable
	}
	return &countedConn{Conn: b, ep: e}, nil
}

func (e *Endpoint) Shutdown() error {
	e.stopOnce.Do(func() { close(e.stop) })
	return nil
}

// countedConn counts what its end writes and delays each write by one network delay, so a
// push-pull costs the latency of its messages (TCP is reliable: no loss is applied).
type countedConn struct {
	net.Conn
	ep *Endpoint
}

func (c *countedConn) Write(p []byte) (int, error) {
	if c.ep.down.Load() {
		return 0, errUnreachable
	}
	c.ep.tcpW.Add(1)
	c.ep.tcpBytes.Add(int64(len(p)))
	c.ep.tcpWire.Add(tcpSegmentsWire(len(p)))
	time.Sleep(c.ep.net.delay())
	return c.Conn.Write(p)
}
