
using CloudFilm.Grains.Abstractions.Sharing;

namespace CloudFilm.Api.Sharing;

/// <summary>The body of <c>POST /api/v1/studies/{key}/shares</c>: a share link made by staff on the patient's request.</summary>
public sealed class CreateShareRequest
{
    /// <summary>study (default) or patient (all of the patient's studies).</summary>
    public ShareScope? Scope { get; set; }

    /// <summary>How many days the link stays valid (1–30, default 7).</summary>
    public int? Days { get; set; }

    /// <summary>sms (default when a phone is on file), id-card-digits, or none.</summary>
    public VerificationMethod? Verification { get; set; }

    /// <summary>A code the sharer chooses and tells the recipient by another channel (4–12 characters).</summary>
    public string? AccessCode { get; set; }

    /// <summary>The last digits (4–6) of the patient's ID card, for id-card-digits verification.</summary>
    public string? IdCardLastDigits { get; set; }

    /// <summary>Hide the patient's identity (name, ids, birth date, phone, institution) in the view and downloads.</summary>
    public bool? Deidentified { get; set; }

    /// <summary>Local time of day from which the link can be opened, e.g. "08:00".</summary>
    public TimeOnly? ViewFrom { get; set; }

    /// <summary>Local time of day until which the link can be opened, e.g. "22:00".</summary>
    public TimeOnly? ViewUntil { get; set; }
}
