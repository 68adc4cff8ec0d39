using GossipSim.Scenarios.Model;
using GossipSim.Scenarios.Tables;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// A CSV file of latencies (<see cref="LatencyTable"/>), given relative to the scenario file (for a
/// --set override: relative to the working directory). The text stays as written, so the canonical
/// YAML and its hash do not depend on where the project is checked out; the absolute path is
/// recorded at <c>PATH.resolved</c> for the compiler, and the file's SHA-256 at <c>PATH.sha256</c> for
/// the run's spec hash (an edited file makes other runs). The file is read and checked here, so a
/// bad row is reported with the key's position and the file's own line and field.
/// </summary>
internal sealed class LatencyFileKey : ScalarKey
{
    public override string TypeName => "path to a CSV file";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        var baseDir = s.At.Line > 0 ? Path.GetDirectoryName(Path.GetFullPath(s.At.File)) ?? "" : Directory.GetCurrentDirectory();
        var full = Path.GetFullPath(Path.Combine(baseDir, s.Text));
        if (LatencyTable.TryRead(full, out var error) is null)
        {
            v.Error(s.At, path, error!);
            return null;
        }

        v.Set(path + ".resolved", SpecValue.OfText(full), null);
        v.Set(path + ScenarioSpec.InputFileHashSuffix, SpecValue.OfText(InputFile.Sha256(full)), null);
        return SpecValue.OfText(s.Text);
    }
}
