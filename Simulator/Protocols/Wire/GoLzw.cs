namespace GossipSim.Simulator.Protocols.Wire;

/// <summary>
/// The length of what Go's <c>compress/lzw</c> writer emits for an input, in LSB order with
/// literal width 8 (<c>lzw.NewWriter(w, lzw.LSB, 8)</c>, as memberlist's compressPayload
/// calls it): a clear code first, codes 9 bits wide growing by one bit each time the next code
/// reaches a power of two, a clear and a fresh table when the codes run out at 4095, the code
/// left over and an end code on Close, the last bits padded to a byte. Only the length is
/// computed (the codes' widths summed): the table is the writer's, step for step.
/// </summary>
public static class GoLzw
{
    private const int MaxCode = (1 << 12) - 1;
    private const int Clear = 256;
    private const int Eof = Clear + 1;

    public static int CompressedLength(ReadOnlySpan<byte> input)
    {
        var table = new Dictionary<int, int>();
        long bits = 0;
        int width = 9, hi = Eof, overflow = 512;
        // Go's incHi: the next implied code; at 4095 the writer sends a clear and starts again,
        // and the entry that step would have added is not added.
        bool IncHi()
        {
            hi++;
            if (hi == overflow)
            {
                width++;
                overflow <<= 1;
            }
            if (hi != MaxCode) return true;
            bits += width;
            width = 9;
            hi = Eof;
            overflow = 512;
            table.Clear();
            return false;
        }

        bits += width;
        if (input.Length == 0)
        {
            // Close with nothing written sends the starting clear itself, then the end code.
            bits += width;
            return (int)((bits + 7) / 8);
        }
        int code = input[0];
        for (int i = 1; i < input.Length; i++)
        {
            int key = (code << 8) | input[i];
            if (table.TryGetValue(key, out int known))
            {
                code = known;
                continue;
            }
            bits += width;
            code = input[i];
            if (IncHi()) table[key] = hi;
        }
        bits += width;
        IncHi();
        bits += width;
        return (int)((bits + 7) / 8);
    }
}
