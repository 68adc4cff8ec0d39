namespace GossipSim.Simulator.Faults;

/// <summary>
/// Parameters of a churn process. Poisson: departures and arrivals are independent Poisson processes
/// with rates <see cref="DeparturesPerS"/> and <see cref="ArrivalsPerS"/> (exponential gaps); a
/// departure takes a uniformly drawn up node, an arrival starts a uniformly drawn node among those not
/// started yet and those this process took down. Weibull: every up node gets a session length
/// ~ Weibull(<see cref="Shape"/>, <see cref="ScaleUs"/>) (mean scale Gamma(1 + 1/shape); shape &lt; 1 is
/// the heavy-tailed churn measured in peer-to-peer systems, Stutzbach and Rejaie, IMC 2006), departs when
/// it ends, and with <see cref="DowntimeUs"/> comes back after an exponential downtime of that mean with a
/// fresh session. A departure is a crash, or a graceful leave with <see cref="Leave"/>.
/// </summary>
public sealed record ChurnModel(bool Weibull, double DeparturesPerS = 0, double ArrivalsPerS = 0, double Shape = 1,
    long ScaleUs = 0, long? DowntimeUs = null, bool Leave = false, IReadOnlyList<int>? Exclude = null);
