namespace CloudFilm.Grains.Abstractions.Dispatch;

/// <summary>Grain keys of dispatch grains, prefixed so no key is ever read as an integer.</summary>
public static class DispatchKeys
{
    public static string PoolGrainKey(string poolId) => "pool/" + poolId;

    public static string StationGrainKey(string stationId) => "station/" + stationId;

    /// <summary>The grain that knows which pool each campus belongs to; one per deployment.</summary>
    public const string DirectoryGrainKey = "dispatch-directory";

    /// <summary>How long a board observer subscription lasts without renewal.</summary>
    public static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);
}
