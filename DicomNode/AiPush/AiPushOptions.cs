namespace CloudFilm.DicomNode.AiPush;

/// <summary>AI hosts that receive the exam fields when a study is registered or its exam starts, section <c>AiPush</c>.</summary>
public sealed class AiPushOptions
{
    public const string Section = "AiPush";

    public List<Endpoint> Endpoints { get; set; } = [];

    /// <summary>Events (registrations, calls into the exam room, first images) this long before the node started are not pushed
    /// (no flood after an outage of the config).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait before the first retry; it doubles with each attempt, up to 10 minutes.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before a delivery is given up.</summary>
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public sealed class Endpoint
    {
        public string Name { get; set; } = "";
        public string Url { get; set; } = "";

        /// <summary>Only studies of these modalities (e.g. US); empty = all.</summary>
        public List<string> Modalities { get; set; } = [];

        /// <summary>Which <see cref="PushTrigger"/>s this host wants (<c>registered</c>, <c>exam-started</c>); empty = all.</summary>
        public List<string> Triggers { get; set; } = [];

        /// <summary>Optional header sent with each push (e.g. an API key the AI host issued).</summary>
        public string? HeaderName { get; set; }
        public string? HeaderValue { get; set; }
    }
}
