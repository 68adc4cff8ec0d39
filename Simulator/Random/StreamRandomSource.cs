namespace GossipSim.Simulator.Random;

/// <summary>
/// Adapts a simulator stream to the <see cref="System.Random"/> shape that MathNet.Numerics
/// distributions sample from. Every draw still comes from the seeded xoshiro stream, so the
/// run stays deterministic; the base class's own generator is never used.
/// </summary>
public sealed class StreamRandomSource : System.Random
{
    private readonly Xoshiro256StarStar _stream;

    public StreamRandomSource(Xoshiro256StarStar stream) : base(0) => _stream = stream;

    public override double NextDouble() => _stream.NextDouble();

    protected override double Sample() => _stream.NextDouble();

    public override int Next() => _stream.NextInt(int.MaxValue);

    public override int Next(int maxValue) => _stream.NextInt(maxValue);

    public override int Next(int minValue, int maxValue) => minValue + _stream.NextInt(maxValue - minValue);

    public override long NextInt64() => (long)(_stream.NextUInt64() >> 1);

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)_stream.NextUInt64();
    }
}
