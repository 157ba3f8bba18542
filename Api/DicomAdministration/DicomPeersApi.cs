using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using CloudFilm.Api.Security;
using CloudFilm.Archive.Peers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.DicomAdministration;

/// <summary>
/// <c>/api/v1/dicom/peers</c>: the modalities, PACS and workstations allowed to associate with the DICOM front node
/// (calling AE title + IP address). Every node reads the table within a few seconds of a change.
/// </summary>
public static class DicomPeersApi
{
    public static RouteGroupBuilder MapDicomPeersApi(this RouteGroupBuilder api)
    {
        var peers = api.MapGroup("/dicom/peers").WithTags("DICOM").RequireStaff("admin");

        peers.MapGet("/", ListAsync).WithName("ListDicomPeers").WithSummary("Every allowed DICOM peer.");
        peers.MapPut("/", PutAsync).WithName("PutDicomPeer")
            .WithSummary("Allow a peer, or change its port and description (idempotent per AE title + IP address).")
            .Accepts<PeerRequest>("application/json").ProducesValidationProblem();
        peers.MapDelete("/{aeTitle}/{ipAddress}", DeleteAsync).WithName("DeleteDicomPeer")
            .WithSummary("Stop accepting associations from this AE title at this address.").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<DicomPeer>>> ListAsync(PeerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Created<DicomPeer>, Ok<DicomPeer>>> PutAsync(
        HttpRequest request, PeerStore store, TimeProvider clock, ILogger<PeerRequest> logger, CancellationToken cancellationToken)
    {
        var (ae, ip, port, description) = PeerRequestValidator.Validate(await JsonBody.ReadAsync<PeerRequest>(request, ApiJson.Options, cancellationToken));
        var peer = new DicomPeer(ae, ip, port, description, clock.GetUtcNow());
        var created = await store.UpsertAsync(peer, cancellationToken);
        logger.LogInformation("DICOM peer {AeTitle}@{IpAddress} {Change} by {Actor}", ae, ip, created ? "added" : "updated", request.HttpContext.Actor());
        var location = $"/api/v1/dicom/peers/{Uri.EscapeDataString(ae)}/{Uri.EscapeDataString(ip)}";
        return created ? TypedResults.Created(location, peer) : TypedResults.Ok(peer);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string aeTitle, string ipAddress, PeerStore store, HttpContext http, ILogger<PeerRequest> logger, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(aeTitle, ipAddress, cancellationToken))
        {
            return ProblemCatalogue.PeerNotFound.Answer(aeTitle, ipAddress);
        }
        logger.LogInformation("DICOM peer {AeTitle}@{IpAddress} removed by {Actor}", aeTitle, ipAddress, http.Actor());
        return TypedResults.NoContent();
    }
}
