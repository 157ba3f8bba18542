using System.Globalization;

namespace CloudFilm.Grains.Queues;

/// <summary>Masks patient names for public screens and speech: 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜.</summary>
public static class NameMask
{
    public static string Mask(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Contains(' ', StringComparison.Ordinal))
        {
            // Latin names: keep each word's initial.
            return string.Join(' ', trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(MaskWord));
        }
        return MaskWord(trimmed);
    }

    private static string MaskWord(string word)
    {
        var letters = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(word);
        while (e.MoveNext())
        {
            letters.Add(e.GetTextElement());
        }
        return letters.Count switch
        {
            0 => "",
            1 => "*",
            2 => letters[0] + "*",
            _ => letters[0] + new string('*', letters.Count - 2) + letters[^1],
        };
    }
}
