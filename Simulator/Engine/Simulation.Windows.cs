using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// A run split across threads (<see cref="LaneSplit"/>), with the same results as the sequential
/// loop. Time advances in windows no longer than the network's shortest delay: a message sent in a
/// window arrives after it, so while a window is handled no node hears from another, and each lane
/// handles its own nodes' events in (time, sequence) order on its own thread, as the sequential
/// loop would, recording what they ask of shared state (<see cref="WindowLog"/>). Once every lane
/// is done, lane 0's thread (the calling one) carries those calls out in the order the sequential
/// loop makes them: the handled events of all lanes merged by (time, sequence), each one's calls in
/// turn. So the network draws each fate from its one stream in the same order, sequence numbers
/// come out the same, and the trackers hear the same reports in the same order. It does so at the
/// start of the next window, while the other lanes handle theirs as far as it has come
/// (<see cref="FollowCarryingOut"/>). The driver's actions (updates, faults, samples) touch any
/// node and the trackers, so windows stop at each one, the last window's calls are carried out,
/// and every event of that instant is handled on the calling thread in the sequential order.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>The window length of a split run (0 in a sequential one).</summary>
    private readonly long _windowUs;

    /// <summary>Events at or after this time are not in the window being handled (set before each round, read by every lane).</summary>
    private long _windowEndUs;

    /// <summary>True while a round carries out the last window's calls: lane 0's thread does it first, the other lanes follow it (<see cref="FollowCarryingOut"/>).</summary>
    private bool _carryPending;

    /// <summary>How far the carrying out has come, for the lanes that follow it.</summary>
    private readonly CarryFrontier _frontier = new();

    /// <summary>
    /// Each lane's window logs, by window parity then lane (null in a sequential run): the messages
    /// of the last window's logs are queued from them while the next window fills the others.
    /// Kept here rather than in the lanes, so that the carrying out reads nothing a lane writes.
    /// </summary>
    private readonly WindowLog[][]? _logs;

    /// <summary>Per lane, the events made for its nodes while a window's calls are carried out, queued by the lane's thread (null in a sequential run).</summary>
    private readonly IncomingEvents[]? _incoming;

    private static WindowLog[] NewLogs(int lanes)
    {
        var logs = new WindowLog[lanes];
        for (int i = 0; i < lanes; i++) logs[i] = new WindowLog();
        return logs;
    }

    private void RunWindows(long endUs)
    {
        if (Trace is not null) throw new InvalidOperationException("a run split across threads cannot be traced event by event");
        HugePages.MapHeapIfGrown();
        using var threads = new LaneThreads(_lanes.Length, HandleWindow);
        long checkpointAt = EventsProcessed + EventsPerCheckpoint;
        bool pending = false;
        while (true)
        {
            long driverUs = _driverQueue.TryPeek(out SimEvent action) ? action.TimeUs : long.MaxValue;
            long stopUs = Math.Min(driverUs, endUs);
            while (true)
            {
                long startUs = EarliestNodeEvent(pending);
                if (startUs >= stopUs)
                {
                    if (!pending) break;
                    // The last window's calls may make events before the stop: carried out alone, then looked at again.
                    CarryOutWindow(LastWindowParity);
                    pending = false;
                    continue;
                }
                _windowEndUs = Math.Min(startUs + _windowUs, stopUs);
                _carryPending = pending;
                if (pending) _frontier.Publish(long.MinValue);
                for (int i = 0; i < _lanes.Length; i++)
                {
                    _lanes[i].Log = _logs![_windowCount & 1][i];
                    _lanes[i].Log!.Begin();
                }
                threads.RunRound();
                pending = true;
                _windowCount++;
                if (EventsProcessed < checkpointAt) continue;
                HugePages.MapHeapIfGrown();
                Checkpoint?.Invoke();
                checkpointAt = EventsProcessed + EventsPerCheckpoint;
            }
            if (driverUs >= endUs) break;
            HandleInstant(driverUs);
        }
        QueueIncoming();
        SetClocks(Math.Max(NowUs, endUs));
    }

    /// <summary>
    /// The time of the earliest node event in any lane, queued or incoming (long.MaxValue when there
    /// is none). While the last window's calls are still to be carried out, a bound no later than
    /// it: they make arrivals no sooner than the network's shortest delay after the event that
    /// sent them, and timers no sooner than the earliest the window's nodes set.
    /// </summary>
    private long EarliestNodeEvent(bool pending)
    {
        long earliest = long.MaxValue;
        for (int i = 0; i < _lanes.Length; i++)
        {
            earliest = Math.Min(earliest, _incoming![i].EarliestUs);
            if (_lanes[i].Queue.TryPeek(out SimEvent e)) earliest = Math.Min(earliest, e.TimeUs);
            if (!pending) continue;
            var log = _logs![LastWindowParity][i];
            if (log.HandledCount > 0) earliest = Math.Min(earliest, log.HandledAt(0).TimeUs + _windowUs);
            earliest = Math.Min(earliest, log.EarliestLaterTimerUs);
        }
        return earliest;
    }

    /// <summary>Queues every lane's incoming events, on the calling thread (before an instant, and when the run stops).</summary>
    private void QueueIncoming()
    {
        for (int i = 0; i < _lanes.Length; i++) _incoming![i].MoveInto(_lanes[i].Queue, _lanes[i].Messages, _logs![LastWindowParity]);
    }

    /// <summary>Windows handled so far: the parity of a window picks its lanes' logs.</summary>
    private long _windowCount;

    /// <summary>The logs of the last window handled, whose messages the incoming events refer to.</summary>
    private int LastWindowParity => (int)((_windowCount - 1) & 1);

    /// <summary>
    /// One lane's share of a round, on the lane's thread: its events before the window's end, their
    /// shared calls recorded. When the last window's calls are still to be carried out, lane 0's
    /// thread carries them out first, and the other lanes handle their events while it does, as
    /// far as it has come.
    /// </summary>
    private void HandleWindow(int index)
    {
        var lane = _lanes[index];
        long endUs = _windowEndUs;
        if (_carryPending && index == 0) CarryOutWindow(LastWindowParity);
        lane.Recording = true;
        try
        {
            if (_carryPending && index > 0) FollowCarryingOut(index, endUs);
            else _incoming![index].MoveInto(lane.Queue, lane.Messages, _logs![LastWindowParity]);
            HandleBefore(lane, endUs);
        }
        finally
        {
            lane.Recording = false;
        }
    }

    /// <summary>Handles the lane's queued events before <paramref name="endUs"/>, recording their shared calls.</summary>
    private void HandleBefore(EventLane lane, long endUs)
    {
        var queue = lane.Queue;
        var log = lane.Log!;
        while (queue.TryPopBefore(endUs, out SimEvent e))
        {
            if (_prefetch) PrefetchUpcoming(queue);
            lane.NowUs = e.TimeUs;
            lane.EventsProcessed++;
            log.OnHandling(e);
            Dispatch(e.Kind, e.Node, e.Arg);
            log.OnHandled();
        }
    }

    /// <summary>
    /// Handles the lane's events while lane 0's thread carries out the last window's calls, queuing
    /// what it publishes as it goes. Every event still to be carried out lies at or after the
    /// frontier, so the arrivals it makes lie at or after the frontier plus the network's shortest
    /// delay; the timers it makes lie at or after the earliest this lane set in that window. An
    /// event before both is in its place in the lane's order already. Returns once everything is
    /// carried out and queued.
    /// </summary>
    private void FollowCarryingOut(int index, long endUs)
    {
        var lane = _lanes[index];
        var incoming = _incoming![index];
        var senders = _logs![LastWindowParity];
        long laterTimerUs = senders[index].EarliestLaterTimerUs;
        var spin = new SpinWait();
        while (true)
        {
            long frontierUs = _frontier.Read();
            incoming.QueuePublished(lane.Queue, lane.Messages, senders);
            if (frontierUs == long.MaxValue)
            {
                incoming.Clear();
                return;
            }
            long beforeUs = Math.Min(endUs, Math.Min(laterTimerUs, frontierUs + _windowUs));
            long handled = lane.EventsProcessed;
            HandleBefore(lane, beforeUs);
            if (lane.EventsProcessed == handled) spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// A timer set while its lane handles a window. One due after the window waits in the log for
    /// its real sequence number. One due inside it is queued in the lane now, with a provisional
    /// number that orders it as its real one will (<see cref="WindowLog.FirstProvisional"/>).
    /// </summary>
    private void RecordTimer(EventLane lane, int node, int kind, long delayUs, long tag)
    {
        int arg = TimerArgument(lane.TimerTags, node, kind, tag, out EventKind timerKind);
        long atUs = lane.NowUs + Math.Max(0, delayUs);
        if (atUs >= _windowEndUs)
        {
            lane.Log!.TimerLater(node, atUs, timerKind, arg);
            return;
        }
        SimEvent e;
        e.TimeUs = atUs;
        e.SequenceAndKind = (lane.Log!.TimerInWindow(node) << 8) | (byte)timerKind;
        e.Node = node;
        e.Arg = arg;
        lane.Queue.Push(e);
    }

    /// <summary>
    /// Carries out the recorded calls of a window (its logs of <paramref name="parity"/>): the lanes'
    /// handled events merged by (time, sequence), each one's calls in the order made. Publishes its
    /// progress to the lanes that follow it, and that it is over even when a call throws.
    /// </summary>
    private void CarryOutWindow(int parity)
    {
        try
        {
            CarryOutInOrder(parity);
        }
        finally
        {
            _ordering.Value.CarriedMessage = -1;
            PublishCarriedOutBefore(long.MaxValue);
        }
    }

    /// <summary>Lets the lanes queue what the carrying out has made so far, and handle their events as far as <paramref name="timeUs"/> allows (long.MaxValue: all of it).</summary>
    private void PublishCarriedOutBefore(long timeUs)
    {
        foreach (var incoming in _incoming!) incoming.Publish();
        _frontier.Publish(timeUs);
    }

    private void CarryOutInOrder(int parity)
    {
        var logs = _logs![parity];
        Span<int> next = stackalloc int[logs.Length];
        long frontierUs = long.MinValue;
        while (true)
        {
            int best = -1;
            long bestUs = 0, bestSequence = 0;
            for (int i = 0; i < logs.Length; i++)
            {
                var log = logs[i];
                if (next[i] == log.HandledCount) continue;
                ref readonly var handled = ref log.HandledAt(next[i]);
                long sequence = log.RealSequence(handled);
                if (best >= 0 && (handled.TimeUs > bestUs || (handled.TimeUs == bestUs && sequence > bestSequence))) continue;
                best = i;
                bestUs = handled.TimeUs;
                bestSequence = sequence;
            }
            if (best < 0) return;
            if (bestUs > frontierUs)
            {
                // Everything before this event's time is carried out: what it made may be queued.
                frontierUs = bestUs;
                PublishCarriedOutBefore(frontierUs);
            }
            CarryOut(logs[best], best, next[best]++, bestUs);
        }
    }

    /// <summary>The calls of one handled event of lane <paramref name="laneIndex"/>'s <paramref name="log"/>, made now on the run's clock set to the event's time.</summary>
    private void CarryOut(WindowLog log, int laneIndex, int handled, long timeUs)
    {
        NowUs = timeUs;
        for (int c = log.HandledAt(handled).FirstCall, end = log.CallsEnd(handled); c < end; c++)
        {
            ref readonly var call = ref log.CallAt(c);
            switch (call.Kind)
            {
                case WindowLog.CallKind.Send:
                    _ordering.Value.CarriedMessage = IncomingEvents.Source(laneIndex, call.Message);
                    CountSent(log.MessageAt(call.Message), 1);
                    TransmitOne(call.Node, call.Target, log.MessageAt(call.Message));
                    break;
                case WindowLog.CallKind.SendToEach:
                    _ordering.Value.CarriedMessage = IncomingEvents.Source(laneIndex, call.Message);
                    CountSent(log.MessageAt(call.Message), call.Count);
                    TransmitEach(call.Node, log.Peers(call), log.MessageAt(call.Message));
                    break;
                case WindowLog.CallKind.SendStream:
                    _ordering.Value.CarriedMessage = IncomingEvents.Source(laneIndex, call.Message);
                    CountSent(log.MessageAt(call.Message), 1);
                    Stream(call.Node, call.Target, log.MessageAt(call.Message), call.Count);
                    break;
                case WindowLog.CallKind.OpenStream:
                    var dial = Dial(call.Node, call.Target);
                    if (dial != DialOutcome.Connects)
                    {
                        Observations.Traffic.OnDialFailedOfType(log.MessageAt(call.Message).Type, FailedDialBytes(dial, call.Value));
                        CountFailedDial(dial);
                        break;
                    }
                    _ordering.Value.CarriedMessage = IncomingEvents.Source(laneIndex, call.Message);
                    CountSent(log.MessageAt(call.Message), 1);
                    Stream(call.Node, call.Target, log.MessageAt(call.Message), NewConnectionLegs);
                    break;
                case WindowLog.CallKind.TimerInWindow: log.SetRealSequence(call.Target, _ordering.Value.Sequence++); break;
                case WindowLog.CallKind.TimerLater:
                    _incoming![LaneIndexOf(call.Node)].Add(call.Value, NextSequenceAndKind((EventKind)call.Count), call.Node, call.Target);
                    break;
                case WindowLog.CallKind.Emit: Observations.Observe(call.Node, timeUs, (ObservationKind)call.Count, call.Target, call.Value); break;
            }
        }
    }

    /// <summary>The run's clock and every lane's.</summary>
    private void SetClocks(long timeUs)
    {
        NowUs = timeUs;
        foreach (var lane in _lanes) lane.NowUs = timeUs;
    }

    /// <summary>A recorded send in the run's totals by type (the sender's own counters took it when it was recorded).</summary>
    private void CountSent(in Message message, int copies) => Observations.Traffic.OnSentOfType(message.Type, message.SizeBytes, copies);

    /// <summary>
    /// Every event at a driver action's time, on the calling thread, in (time, sequence) order across
    /// the driver's queue and the lanes', as the sequential loop handles them, with direct calls.
    /// </summary>
    private void HandleInstant(long timeUs)
    {
        QueueIncoming();
        SetClocks(timeUs);
        while (true)
        {
            EventQueue? from = null;
            SimEvent first = default;
            if (_driverQueue.TryPeek(out SimEvent action) && action.TimeUs == timeUs)
            {
                from = _driverQueue;
                first = action;
            }
            foreach (var lane in _lanes)
            {
                if (!lane.Queue.TryPeek(out SimEvent e) || e.TimeUs != timeUs || (from is not null && !EventHeap.Before(e, first))) continue;
                from = lane.Queue;
                first = e;
            }
            if (from is null) return;
            from.TryPopBefore(timeUs + 1, out _);
            _eventsProcessed++;
            Dispatch(first.Kind, first.Node, first.Arg);
        }
    }
}
