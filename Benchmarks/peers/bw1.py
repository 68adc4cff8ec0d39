#!/usr/bin/env python3
"""Workload bw1 in plain Python with heapq: how fast an interpreted event loop runs it.

The workload is the one bw1.cpp and Simulator/Runs/Bw1Workload.cs describe: n nodes tick every
200 ms from a uniform phase, send their version to f distinct other nodes (1% lost, else 1-10 ms
late), keep the larger version they receive; node 0 raises its version every whole second.
Python's own random numbers are used, so runs match the others in distribution, not draw by draw.

Usage: python3 bw1.py NODES FANOUT SECONDS [SEED]
"""
import heapq
import math
import random
import sys
import time

ROUND_US, SECOND_US = 200_000, 1_000_000
MIN_LATENCY_US, MAX_LATENCY_US, LOSS = 1_000, 10_000, 0.01
TICK, UPDATE = -1, -2  # an event's payload: a tick, an update, or (>= 0) a delivered version


def run(nodes: int, fanout: int, end_us: int, seed: int) -> None:
    rng = random.Random(seed)
    updates = (end_us - 1) // SECOND_US
    version = [0] * nodes
    holders = [0] * (updates + 1)
    converged_at = [-1] * (updates + 1)
    holders[0] = nodes
    heap: list[tuple[int, int, int, int]] = []  # (time, insertion order, node, payload)
    order = 0

    def push(at_us: int, node: int, payload: int) -> None:
        nonlocal order
        if at_us < end_us:
            heapq.heappush(heap, (at_us, order, node, payload))
            order += 1

    def learn(now: int, node: int, v: int) -> None:
        for u in range(version[node] + 1, v + 1):
            holders[u] += 1
            if holders[u] == nodes:
                converged_at[u] = now
        if v > version[node]:
            version[node] = v

    for i in range(nodes):
        push(rng.randrange(ROUND_US), i, TICK)
    for k in range(1, updates + 1):
        push(k * SECOND_US, 0, UPDATE)

    events = 0
    start = time.perf_counter()
    while heap:
        now, _, node, payload = heapq.heappop(heap)
        events += 1
        if payload == TICK:
            v = version[node]
            chosen: list[int] = []
            while len(chosen) < fanout:
                peer = rng.randrange(nodes - 1)
                if peer >= node:
                    peer += 1  # every node but the sender, uniformly
                if peer in chosen:
                    continue
                chosen.append(peer)
                if rng.random() >= LOSS:
                    push(now + rng.randint(MIN_LATENCY_US, MAX_LATENCY_US), peer, v)
            push(now + ROUND_US, node, TICK)
        elif payload == UPDATE:
            learn(now, 0, version[0] + 1)
        else:
            learn(now, node, payload)
    loop_s = time.perf_counter() - start

    delays = sorted((converged_at[v] - v * SECOND_US) / 1000 for v in range(1, updates + 1) if converged_at[v] >= 0)
    mean = sum(delays) / len(delays) if delays else math.nan
    p99 = delays[math.ceil(0.99 * len(delays)) - 1] if delays else math.nan
    print(f"impl=python-heapq workload=bw1 n={nodes} f={fanout} D_s={end_us / 1e6:g} events={events} "
          f"converged={len(delays)}/{updates} conv_mean_ms={mean:.1f} conv_p99_ms={p99:.1f} "
          f"loop_s={loop_s:.3f} events_per_s={events / loop_s:.0f}")


def main() -> int:
    if len(sys.argv) < 4:
        print(f"usage: {sys.argv[0]} NODES FANOUT SECONDS [SEED]", file=sys.stderr)
        return 2
    nodes, fanout, end_us = int(sys.argv[1]), int(sys.argv[2]), round(float(sys.argv[3]) * 1e6)
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    if nodes < 2 or not 1 <= fanout < nodes or end_us <= 0:
        print("bw1: need NODES >= 2, 1 <= FANOUT < NODES, SECONDS > 0", file=sys.stderr)
        return 2
    run(nodes, fanout, end_us, seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
