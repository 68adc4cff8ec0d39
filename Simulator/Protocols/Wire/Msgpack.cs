namespace GossipSim.Simulator.Protocols.Wire;

/// <summary>
/// The msgpack that memberlist's codec (hashicorp/go-msgpack, MsgpackHandle with default
/// settings) writes for its messages: maps with field names as keys, unsigned integers in
/// their smallest form (positive fixint, then 0xcc, 0xcd, 0xce), strings and byte slices in
/// the raw family without str8 (fixstr up to 31 bytes, then 0xda with a 16-bit length, then
/// 0xdb), nil as 0xc0, booleans as 0xc2/0xc3.
/// </summary>
public sealed class Msgpack
{
    private readonly List<byte> _bytes = new();

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public Msgpack Byte(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    public Msgpack Map(int fields) => Byte(0x80 | fields);

    public Msgpack Uint(long value)
    {
        if (value < 0x80) return Byte((int)value);
        if (value <= byte.MaxValue) return Byte(0xcc).Byte((int)value);
        if (value <= ushort.MaxValue) return Byte(0xcd).Byte((int)(value >> 8)).Byte((int)value);
        return Byte(0xce).Byte((int)(value >> 24)).Byte((int)(value >> 16)).Byte((int)(value >> 8)).Byte((int)value);
    }

    public Msgpack Bool(bool value) => Byte(value ? 0xc3 : 0xc2);

    public Msgpack Nil() => Byte(0xc0);

    public Msgpack Raw(ReadOnlySpan<byte> value)
    {
        RawHeader(value.Length);
        foreach (byte b in value) _bytes.Add(b);
        return this;
    }

    public Msgpack Str(string value) => Raw(System.Text.Encoding.ASCII.GetBytes(value));

    /// <summary>A field: its name as a string, then the caller writes its value.</summary>
    public Msgpack Key(string name) => Str(name);

    public Msgpack Append(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Bytes of a raw string or byte slice of this length, header included.</summary>
    public static int RawBytes(int length) => length + (length < 32 ? 1 : length <= ushort.MaxValue ? 3 : 5);

    private void RawHeader(int length)
    {
        if (length < 32) Byte(0xa0 | length);
        else if (length <= ushort.MaxValue) Byte(0xda).Byte(length >> 8).Byte(length);
        else Byte(0xdb).Byte(length >> 24).Byte(length >> 16).Byte(length >> 8).Byte(length);
    }
}
