using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Uids;

namespace CloudFilm.Dicom.Network.Services;

/// <summary>
/// Sending instances with C-STORE in a transfer syntax the receiver accepts: which presentation contexts to propose
/// for a set of instances, and on which negotiated context each instance goes. C-MOVE sub-associations, C-GET
/// sub-operations and sending Part 10 files all use these two rules.
/// </summary>
public static class StorageContexts
{
    /// <summary>PS3.8 9.3.2.2: presentation context IDs are the odd numbers 1–255, so at most 128 contexts.</summary>
    public const int MaxContexts = 128;

    /// <summary>
    /// The contexts to propose for instances given as (SOP class, stored transfer syntax), one pair per instance.
    /// Each SOP class gets an uncompressed fallback context (Explicit then Implicit VR Little Endian; the latter is
    /// the default every SCP supports, PS3.5 10.1), and each stored syntax other than those a context of its own,
    /// so the receiver can accept the stored syntax and the fallback independently: an abstract syntax may appear
    /// in several contexts and the acceptor accepts one transfer syntax per context (PS3.8 7.1.1.13, 9.3.3.2).
    /// Within <see cref="MaxContexts"/>, fallbacks come first (an instance without one cannot be sent at all); the
    /// stored-syntax contexts that still fit go to the syntaxes with the most instances. Classes beyond the limit
    /// get no context: their instances cannot be sent on this association.
    /// </summary>
    public static IReadOnlyList<PresentationContextRequest> Propose(IEnumerable<(string SopClassUid, string TransferSyntaxUid)> instances)
    {
        var classes = new List<string>();
        var seenClasses = new HashSet<string>(StringComparer.Ordinal);
        var storedCounts = new Dictionary<(string SopClassUid, string TransferSyntaxUid), int>();
        var storedOrder = new List<(string SopClassUid, string TransferSyntaxUid)>();
        foreach (var (sopClass, syntax) in instances)
        {
            if (seenClasses.Add(sopClass))
            {
                classes.Add(sopClass);
            }

            if (DicomTransferSyntax.UncompressedLittleEndianUids.Contains(syntax))
            {
                continue;
            }

            if (storedCounts.TryGetValue((sopClass, syntax), out var count))
            {
                storedCounts[(sopClass, syntax)] = count + 1;
            }
            else
            {
                storedCounts[(sopClass, syntax)] = 1;
                storedOrder.Add((sopClass, syntax));
            }
        }

        var withFallback = classes.Take(MaxContexts).ToList();
        var room = MaxContexts - withFallback.Count;
        var fallbackClasses = withFallback.ToHashSet(StringComparer.Ordinal);
        var kept = storedOrder
            .Where(pair => fallbackClasses.Contains(pair.SopClassUid))
            .OrderByDescending(pair => storedCounts[pair]) // stable: ties keep the order instances came in
            .Take(room)
            .ToHashSet();

        var contexts = new List<PresentationContextRequest>(withFallback.Count + kept.Count);
        foreach (var sopClass in withFallback)
        {
            foreach (var pair in storedOrder)
            {
                if (pair.SopClassUid == sopClass && kept.Contains(pair))
                {
                    contexts.Add(new PresentationContextRequest(sopClass, [pair.TransferSyntaxUid]));
                }
            }

            contexts.Add(new PresentationContextRequest(sopClass, DicomTransferSyntax.UncompressedLittleEndianUids));
        }

        return contexts;
    }

    /// <summary>
    /// The context to send one instance on, among <paramref name="contexts"/> (the caller leaves out those it may
    /// not store on, e.g. C-GET contexts without the SCP role): an accepted one for its SOP class in the stored
    /// syntax, so the stored bytes go as they are; else in Explicit, then Implicit VR Little Endian, the instance
    /// being transcoded (decompressed) to it. Null when the receiver accepted none of these for the class: the
    /// C-STORE sub-operation fails.
    /// </summary>
    public static NegotiatedContext? Choose(IEnumerable<NegotiatedContext> contexts, string sopClassUid, string storedTransferSyntaxUid)
    {
        NegotiatedContext? explicitLittleEndian = null;
        NegotiatedContext? implicitLittleEndian = null;
        foreach (var context in contexts)
        {
            if (!context.IsAccepted || context.AbstractSyntax != sopClassUid)
            {
                continue;
            }

            if (context.TransferSyntax == storedTransferSyntaxUid)
            {
                return context;
            }

            if (context.TransferSyntax == DicomUids.ExplicitVRLittleEndian)
            {
                explicitLittleEndian ??= context;
            }
            else if (context.TransferSyntax == DicomUids.ImplicitVRLittleEndian)
            {
                implicitLittleEndian ??= context;
            }
        }

        return explicitLittleEndian ?? implicitLittleEndian;
    }
}
