namespace CloudFilm.Grains.Dispatch;

/// <summary>A dispatch configuration that cannot work, with every problem named by its JSON path.</summary>
public sealed class DispatchConfigurationException(string message, IReadOnlyDictionary<string, string>? errors = null) : Exception(message)
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors ?? new Dictionary<string, string>();
}
