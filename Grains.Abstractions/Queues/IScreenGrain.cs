namespace CloudFilm.Grains.Abstractions.Queues;

/// <summary>What a screen is: a big hall screen showing several queues, or a small screen at one room's door.</summary>
public enum ScreenKind
{
    Hall = 0,
    Room = 1,
}

/// <summary>One region of a screen: a queue, optionally only some of its rooms.</summary>
[GenerateSerializer, Immutable]
public sealed record ScreenRegion(
    [property: Id(0)] string QueueId,
    [property: Id(1)] IReadOnlyList<string>? RoomIds = null,
    [property: Id(2)] string? Title = null);

/// <summary>Colours and font size of a screen.</summary>
[GenerateSerializer, Immutable]
public sealed record ScreenTheme(
    [property: Id(0)] string Background = "#0b2545",
    [property: Id(1)] string Foreground = "#ffffff",
    [property: Id(2)] string Accent = "#ffd166",
    [property: Id(3)] double FontScale = 1.0);

/// <summary>A screen bound to a campus and area, showing its regions. A room screen has one region with one room.</summary>
[GenerateSerializer, Immutable]
public sealed record ScreenDefinition(
    [property: Id(0)] string ScreenId,
    [property: Id(1)] ScreenKind Kind,
    [property: Id(2)] string Campus,
    [property: Id(3)] string Area,
    [property: Id(4)] string Title,
    [property: Id(5)] IReadOnlyList<ScreenRegion> Regions,
    [property: Id(6)] string? Notice,
    [property: Id(7)] ScreenTheme Theme,
    [property: Id(8)] bool SpeakCalls = true);

/// <summary>
/// A screen's configuration and its device token (kept only as a hash). Key: <see cref="ScreenKeys.GrainKey"/>.
/// A device token lets a screen read its own queues and nothing else.
/// </summary>
public interface IScreenGrain : IGrainWithStringKey
{
    Task<ScreenDefinition> ConfigureAsync(ScreenDefinition definition);

    Task<ScreenDefinition?> GetAsync();

    /// <summary>Replaces the device token (the old one stops working at once).</summary>
    Task SetTokenHashAsync(string tokenHash);

    /// <summary>The screen's definition when the token hash is the current one; otherwise null.</summary>
    Task<ScreenDefinition?> AuthorizeAsync(string tokenHash);
}

public static class ScreenKeys
{
    public static string GrainKey(string screenId) => "screen/" + screenId;
}
