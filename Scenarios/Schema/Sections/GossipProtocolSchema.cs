namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Keys of the push / pull / pushpull epidemic protocols (Demers et al.).</summary>
internal static class GossipProtocolSchema
{
    public static readonly string[] Kinds = ["push", "pull", "pushpull"];

    public static MapKey Create() => new(
        new Field("mode", new EnumKey(["anti-entropy", "rumor"], "anti-entropy") { Doc = "anti-entropy: exchange everything; rumor: spread hot updates" }),
        new Field("fanout", new IntKey(min: 1, @default: 3) { Doc = "peers contacted per round (< nodes)" }),
        new Field("interval", new DurationKey(true, "200ms") { Doc = "time between rounds" }),
        new Field("stop", new TaggedChoiceKey(["none"],
            [("counter", new IntKey(min: 1)), ("coin", new IntKey(min: 1))], "k", "none",
            [("reset", new BoolKey() { Doc = "counter with feedback: count only consecutive useless contacts, a necessary one (the receiver had not passed the rumor on yet) resets it (Demers et al. Table 1)" })])
            { Doc = "rumor stop rule: lose interest after k useless contacts (counter) or with prob. 1/k (coin); rumor mode only" }),
        new Field("feedback", new BoolKey(true) { Doc = "count a contact as useless only when the peer already knew (feedback)" }));
}
