using System.Runtime.CompilerServices;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// What one lane's nodes asked of the engine while their lane handled a window on its own thread:
/// the events handled, in order, and each one's calls (sends, timers, reports to the trackers).
/// Calls that touch state shared by all nodes (the network's random stream, the sequence numbers
/// that order ties, the trackers) wait here until every lane has finished the window; the run
/// then carries them out in the order a sequential run would have made them (<see cref="Simulation"/>).
/// </summary>
internal sealed class WindowLog
{
    public enum CallKind : byte
    {
        /// <summary>Node sends Message to Target.</summary>
        Send,
        /// <summary>Node sends Message to each of Count peers listed from Target on.</summary>
        SendToEach,
        /// <summary>Node sends Message to Target over a stream of Count legs.</summary>
        SendStream,
        /// <summary>Node dials Target and sends Message on the new connection; Value is the dial's timeout.</summary>
        OpenStream,
        /// <summary>A timer due inside the window, already queued in the lane; Target is its provisional index.</summary>
        TimerInWindow,
        /// <summary>A timer due after the window: event kind Count, argument Target, at time Value.</summary>
        TimerLater,
        /// <summary>Node reports observation kind Count about Target with Value.</summary>
        Emit,
    }

    /// <summary>One handled event: its time and sequence (provisional for a timer set in this window) and where its calls start.</summary>
    public struct Handled
    {
        public long TimeUs;
        public long Sequence;
        public int FirstCall;
    }

    public struct Call
    {
        public CallKind Kind;
        public int Node;
        public int Target;
        public int Count;
        public long Value;
        public int Message;
    }

    private Handled[] _handled = new Handled[1024];
    private Call[] _calls = new Call[1024];
    private Message[] _messages = new Message[256];
    private int[] _peers = new int[256];
    private long[] _realSequences = new long[64];
    /// <summary>
    /// What the lane's thread writes on every event: on a line of its own, because the carrying-out
    /// thread reads the lane's other log (and whatever was allocated beside this one) meanwhile.
    /// </summary>
    private CacheLineAlone<Counts> _counts;

    private struct Counts
    {
        public int Handled;
        public int Calls;
        public int Messages;
        public int Peers;
        public int Provisional;
        public long EarliestLaterTimerUs;
    }

    /// <summary>Messages a window's log holds at most: a held delivery names its message's index beside its lane (<see cref="IncomingEvents.Source"/>).</summary>
    private const int MaxMessages = int.MaxValue >> IncomingEvents.LaneBits;

    public int HandledCount => _counts.Value.Handled;

    public int CallCount => _counts.Value.Calls;

    /// <summary>
    /// The first provisional sequence number of a window, above every real one a run reaches. A
    /// timer set and due in the window is queued in its lane with the next provisional number, which
    /// orders it after every event pushed before the window (the last window's calls included, which
    /// may still be carried out while this one is handled) and in the order it was set, as its real
    /// number will.
    /// </summary>
    public const long FirstProvisional = 1L << 54;

    /// <summary>The earliest time a timer due after the window is set for (<see cref="TimerLater"/>); long.MaxValue when none is.</summary>
    public long EarliestLaterTimerUs => _counts.Value.EarliestLaterTimerUs;

    public WindowLog() => _counts.Value.EarliestLaterTimerUs = long.MaxValue;

    /// <summary>Empties the log for a new window.</summary>
    public void Begin()
    {
        Array.Clear(_messages, 0, _counts.Value.Messages);
        _counts.Value = new Counts { EarliestLaterTimerUs = long.MaxValue };
    }

    /// <summary>An event is about to be handled: its calls follow.</summary>
    public void OnHandling(in SimEvent e)
    {
        if (_counts.Value.Handled == _handled.Length) Array.Resize(ref _handled, _handled.Length * 2);
        ref Handled h = ref _handled[_counts.Value.Handled];
        h.TimeUs = e.TimeUs;
        h.Sequence = e.Sequence;
        h.FirstCall = _counts.Value.Calls;
    }

    /// <summary>
    /// The event is handled: kept if it made calls. One that made none (most deliveries) has nothing
    /// to carry out, and leaving it out leaves the order of the others as it was.
    /// </summary>
    public void OnHandled()
    {
        if (_counts.Value.Calls > _handled[_counts.Value.Handled].FirstCall) _counts.Value.Handled++;
    }

    public ref readonly Handled HandledAt(int index) => ref _handled[index];

    public ref readonly Call CallAt(int index) => ref _calls[index];

    /// <summary>Where the calls of handled event <paramref name="index"/> end.</summary>
    public int CallsEnd(int index) => index + 1 < _counts.Value.Handled ? _handled[index + 1].FirstCall : _counts.Value.Calls;

    public ref readonly Message MessageAt(int index) => ref _messages[index];

    public ReadOnlySpan<int> Peers(in Call call) => _peers.AsSpan(call.Target, call.Count);

    /// <summary>The real sequence number of a handled event: provisional ones are known once the call that set their timer has been carried out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long RealSequence(in Handled handled) =>
        handled.Sequence >= FirstProvisional ? _realSequences[handled.Sequence - FirstProvisional] : handled.Sequence;

    /// <summary>Records the real sequence number the run gave the timer of provisional index <paramref name="index"/>.</summary>
    public void SetRealSequence(int index, long sequence) => _realSequences[index] = sequence;

    public void Send(int from, int to, in Message message) => Add(CallKind.Send, from, to, 0, 0, Keep(message, from));

    public void SendToEach(int from, ReadOnlySpan<int> peers, in Message message)
    {
        if (_counts.Value.Peers + peers.Length > _peers.Length) Array.Resize(ref _peers, Math.Max(_peers.Length * 2, _counts.Value.Peers + peers.Length));
        peers.CopyTo(_peers.AsSpan(_counts.Value.Peers));
        Add(CallKind.SendToEach, from, _counts.Value.Peers, peers.Length, 0, Keep(message, from));
        _counts.Value.Peers += peers.Length;
    }

    public void SendStream(int from, int to, in Message message, int legs) => Add(CallKind.SendStream, from, to, legs, 0, Keep(message, from));

    public void OpenStream(int from, int to, in Message message, long dialTimeoutUs) => Add(CallKind.OpenStream, from, to, 0, dialTimeoutUs, Keep(message, from));

    /// <summary>A timer due inside the window; returns the provisional sequence number to queue it with.</summary>
    public long TimerInWindow(int node)
    {
        if (_counts.Value.Provisional == _realSequences.Length) Array.Resize(ref _realSequences, _realSequences.Length * 2);
        Add(CallKind.TimerInWindow, node, _counts.Value.Provisional, 0, 0, -1);
        return FirstProvisional + _counts.Value.Provisional++;
    }

    public void TimerLater(int node, long atUs, EventKind kind, int argument)
    {
        _counts.Value.EarliestLaterTimerUs = Math.Min(_counts.Value.EarliestLaterTimerUs, atUs);
        Add(CallKind.TimerLater, node, argument, (int)kind, atUs, -1);
    }

    public void Emit(int observer, ObservationKind kind, int subject, long value) => Add(CallKind.Emit, observer, subject, (int)kind, value, -1);

    /// <summary>
    /// Copies a message sent by <paramref name="from"/> (<see cref="Message.CopyWithoutPayload"/>); a
    /// payload only when there is one, into a slot that starts empty (<see cref="Begin"/>).
    /// </summary>
    private int Keep(in Message message, int from)
    {
        if (_counts.Value.Messages == MaxMessages) throw new InvalidOperationException($"more than {MaxMessages} messages sent by one lane in one window");
        if (_counts.Value.Messages == _messages.Length) Array.Resize(ref _messages, _messages.Length * 2);
        ref Message kept = ref _messages[_counts.Value.Messages];
        kept.CopyWithoutPayload(message, from, message.To);
        if (message.Payload is { } payload) kept.Payload = payload;
        return _counts.Value.Messages++;
    }

    private void Add(CallKind kind, int node, int target, int count, long value, int message)
    {
        if (_counts.Value.Calls == _calls.Length) Array.Resize(ref _calls, _calls.Length * 2);
        ref Call c = ref _calls[_counts.Value.Calls++];
        c.Kind = kind;
        c.Node = node;
        c.Target = target;
        c.Count = count;
        c.Value = value;
        c.Message = message;
    }
}
