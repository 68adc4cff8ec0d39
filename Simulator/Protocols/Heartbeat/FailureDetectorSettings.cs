namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The detector of the heartbeat family. Timeout uses <see cref="FailUs"/> and <see cref="CleanupUs"/>
/// (van Renesse et al. 1998, docs/references.md §6). Phi uses the model, threshold, window (samples
/// kept), and for the normal model <see cref="MinStdUs"/> and <see cref="AcceptablePauseUs"/>
/// (Akka, docs/references.md §3). YAML: <c>detector: {kind: timeout, fail, cleanup}</c> or
/// <c>detector: {kind: phi, model, threshold, window, min_std, acceptable_pause}</c>.
/// </summary>
public sealed record FailureDetectorSettings(
    DetectorKind Kind,
    long FailUs = 0,
    long CleanupUs = 0,
    PhiModel Model = PhiModel.Exponential,
    double Threshold = 8.0,
    int Window = 1000,
    long MinStdUs = 100_000,
    long AcceptablePauseUs = 0)
{
    public static FailureDetectorSettings Timeout(long failUs, long cleanupUs) => new(DetectorKind.Timeout, failUs, cleanupUs);

    /// <summary>Cassandra's detector: exponential model, threshold 8, window 1000 (docs/references.md §2).</summary>
    public static FailureDetectorSettings Cassandra(double threshold = 8.0) => new(DetectorKind.Phi, Model: PhiModel.Exponential, Threshold: threshold);
}
