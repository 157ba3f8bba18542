using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CloudFilm.Api.Realtime;

/// <summary>
/// Live events for pages (dispatch boards, screens). Any Api copy may raise an event and any other copy's
/// clients receive it: SignalR's Redis backplane carries it between copies. Signed-in staff only: events name
/// studies.
/// </summary>
[Authorize]
public sealed class EventsHub : Hub
{
    public const string Path = "/hubs/events";

    /// <summary>A study was registered: <c>{ studyKey, campus, modality }</c>.</summary>
    public const string StudyRegistered = "studyRegistered";
}
