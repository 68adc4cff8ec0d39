// Workload bw1 on a plain hand-written event loop: the speed a single-threaded discrete-event
// simulation reaches with no framework at all, to set beside `gossipsim bench bw1`.
//
// The workload (the same as Simulator/Runs/Bw1Workload.cs):
//   n nodes, complete graph, all up; time in integer microseconds; events at or after D are not
//   scheduled. Every node ticks every 200 ms from a uniform phase in [0, 200 ms). A tick sends the
//   node's version to f distinct uniform peers other than itself; each message is lost with
//   probability 0.01, else delivered after a uniform latency in [1 ms, 10 ms]; the receiver keeps
//   the larger version. Node 0 raises its version at every whole second (1 s, 2 s, ...): an update.
//   Events = ticks + deliveries + updates. An update converges when every node holds it; the
//   program prints the mean and the p99 (nearest rank) of the convergence delays.
//
// The loop and the random numbers are this file's own (a binary heap ordered by time then
// insertion, xoshiro256** seeded through SplitMix64), so its draws differ from gossipsim's:
// compare convergence over several seeds, events and speed run for run.
//
// Build: g++ -O2 -std=c++17 -o bw1 bw1.cpp      Run: ./bw1 NODES FANOUT SECONDS [SEED]
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

// xoshiro256** (Blackman and Vigna), state filled by SplitMix64 from the seed.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject).
  uint64_t Below(uint64_t bound) {
    unsigned __int128 m = (unsigned __int128)Next() * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
      const uint64_t threshold = -bound % bound;
      while (low < threshold) {
        m = (unsigned __int128)Next() * bound;
        low = (uint64_t)m;
      }
    }
    return (uint64_t)(m >> 64);
  }
  double Unit() { return (double)(Next() >> 11) * 0x1.0p-53; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// A delivery stores kDeliver + version, so it never collides with the two other kinds.
enum Kind : int32_t { kTick = 0, kUpdate = 1, kDeliver = 2 };

struct Event {
  int64_t at_us;
  uint64_t order;  // insertion order: ties run first in, first out
  int32_t node;
  int32_t kind_or_version;  // kTick, kUpdate, or (kDeliver + version) for a delivery
};

// std::*_heap builds a max-heap, so "less" means "later".
struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return a.at_us != b.at_us ? a.at_us > b.at_us : a.order > b.order;
  }
};

class Loop {
 public:
  Loop(int nodes, int fanout, int64_t end_us, uint64_t seed)
      : nodes_(nodes), fanout_(fanout), end_us_(end_us), rng_(seed), version_(nodes, 0) {
    updates_ = (int)((end_us - 1) / kSecondUs);
    holders_.assign(updates_ + 1, 0);
    converged_at_.assign(updates_ + 1, -1);
    holders_[0] = nodes;
    heap_.reserve((size_t)nodes * (fanout + 1) + updates_ + 16);
  }

  void Run() {
    for (int i = 0; i < nodes_; i++) Push((int64_t)rng_.Below(kRoundUs), i, kTick);
    for (int k = 1; k <= updates_; k++) Push(k * kSecondUs, 0, kUpdate);
    std::vector<int> peers(fanout_);
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), Later());
      const Event e = heap_.back();
      heap_.pop_back();
      events_++;
      if (e.kind_or_version == kTick) {
        Tick(e.at_us, e.node, peers);
      } else if (e.kind_or_version == kUpdate) {
        Learn(e.at_us, 0, version_[0] + 1);
      } else {
        Learn(e.at_us, e.node, e.kind_or_version - kDeliver);
      }
    }
  }

  void Report(double loop_s) const {
    std::vector<double> delays_ms;
    for (int v = 1; v <= updates_; v++)
      if (converged_at_[v] >= 0) delays_ms.push_back((converged_at_[v] - v * kSecondUs) / 1000.0);
    std::sort(delays_ms.begin(), delays_ms.end());
    double mean = NAN, p99 = NAN;
    if (!delays_ms.empty()) {
      double sum = 0;
      for (double d : delays_ms) sum += d;
      mean = sum / delays_ms.size();
      p99 = delays_ms[(size_t)std::ceil(0.99 * delays_ms.size()) - 1];
    }
    std::printf("impl=cpp workload=bw1 n=%d f=%d D_s=%g events=%" PRIu64 " converged=%zu/%d conv_mean_ms=%.1f "
                "conv_p99_ms=%.1f loop_s=%.3f events_per_s=%.0f\n",
                nodes_, fanout_, end_us_ / 1e6, events_, delays_ms.size(), updates_, mean, p99, loop_s,
                events_ / loop_s);
  }

 private:
  static constexpr int64_t kRoundUs = 200000, kSecondUs = 1000000;
  static constexpr int64_t kMinLatencyUs = 1000, kMaxLatencyUs = 10000;
  static constexpr double kLoss = 0.01;

  void Push(int64_t at_us, int32_t node, int32_t kind_or_version) {
    if (at_us >= end_us_) return;
    heap_.push_back(Event{at_us, order_++, node, kind_or_version});
    std::push_heap(heap_.begin(), heap_.end(), Later());
  }

  void Tick(int64_t now, int self, std::vector<int>& peers) {
    const int32_t version = version_[self];
    for (int k = 0; k < fanout_; k++) {
      int peer;
      do {
        peer = (int)rng_.Below(nodes_ - 1);
        if (peer >= self) peer++;  // every node but self, uniformly
      } while (std::find(peers.begin(), peers.begin() + k, peer) != peers.begin() + k);
      peers[k] = peer;
      if (rng_.Unit() < kLoss) continue;
      const int64_t latency = kMinLatencyUs + (int64_t)rng_.Below(kMaxLatencyUs - kMinLatencyUs + 1);
      Push(now + latency, peer, kDeliver + version);
    }
    Push(now + kRoundUs, self, kTick);
  }

  // The node now holds `version`: every update it did not hold gains a holder.
  void Learn(int64_t now, int node, int32_t version) {
    for (int32_t v = version_[node] + 1; v <= version; v++)
      if (++holders_[v] == nodes_) converged_at_[v] = now;
    version_[node] = std::max(version_[node], version);
  }

  const int nodes_, fanout_;
  const int64_t end_us_;
  Rng rng_;
  std::vector<int32_t> version_;
  std::vector<int64_t> holders_, converged_at_;
  std::vector<Event> heap_;
  int updates_ = 0;
  uint64_t order_ = 0, events_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s NODES FANOUT SECONDS [SEED]\n", argv[0]);
    return 2;
  }
  const int nodes = std::atoi(argv[1]), fanout = std::atoi(argv[2]);
  const int64_t end_us = (int64_t)std::llround(std::atof(argv[3]) * 1e6);
  const uint64_t seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 1;
  if (nodes < 2 || fanout < 1 || fanout >= nodes || end_us <= 0) {
    std::fprintf(stderr, "bw1: need NODES >= 2, 1 <= FANOUT < NODES, SECONDS > 0\n");
    return 2;
  }
  Loop loop(nodes, fanout, end_us, seed);
  const auto start = std::chrono::steady_clock::now();
  loop.Run();
  loop.Report(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}
