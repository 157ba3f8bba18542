using CloudFilm.Api.Problems;
using CloudFilm.Grains.Abstractions.Studies;

namespace CloudFilm.Api.Studies;

/// <summary>
/// Checks a registration and turns it into the domain's <see cref="StudyRegistration"/>. Every problem is reported
/// at once, by field. Lengths follow the DICOM value representations the values end up in (PS3.5 Table 6.2-1):
/// accession number SH (16), patient id and issuer LO (64), modality CS (16).
/// </summary>
public static class RegisterStudyValidator
{
    public static StudyRegistration Validate(RegisterStudyRequest request, DateOnly today)
    {
        var errors = new RequestErrors();

        var patient = request.Patient;
        var order = request.Order;
        if (patient is null)
        {
            errors.Add("patient", "Required.");
        }
        if (order is null)
        {
            errors.Add("order", "Required.");
        }

        if (patient is not null)
        {
            ValidatePatient(patient, "patient", today, errors);
        }

        if (order is not null)
        {
            RequireText(order.AccessionNumber, "order.accessionNumber", 16, errors);
            if (order.AccessionNumber is { } accession && accession.IndexOfAny(['/', '?', '#', '%']) >= 0)
            {
                errors.Add("order.accessionNumber", "Must not contain / ? # or %: it is the study's key in URLs.");
            }
            RequireText(order.Campus, "order.campus", 64, errors);
            RequireText(order.Department, "order.department", 64, errors);
            RequireText(order.Modality, "order.modality", 16, errors);
            if (order.Modality is { Length: > 0 } modality && !modality.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                errors.Add("order.modality", "Must be a DICOM modality code in capitals, e.g. CT, MR, DX, US.");
            }
            RequireText(order.ExamItem, "order.examItem", 64, errors);
            if (order.BodyPart is not null)
            {
                OptionalText(order.BodyPart, "order.bodyPart", 64, errors);
            }
            if (order.Priority is null)
            {
                errors.Add("order.priority", "Required: routine, urgent or emergency.");
            }
            if (order.PatientType is null)
            {
                errors.Add("order.patientType", "Required: outpatient, inpatient, emergency or physical-exam.");
            }
        }

        errors.ThrowIfAny();

        return new StudyRegistration(
            ToIdentity(patient!),
            new ExamOrder(order!.AccessionNumber!.Trim(), order.Campus!.Trim(), order.Department!.Trim(), order.Modality!,
                order.ExamItem!.Trim(), order.BodyPart?.Trim() ?? "", order.Priority!.Value, order.PatientType!.Value, order.Vip ?? false));
    }

    /// <summary>Checks a patient part; problems are reported under <paramref name="prefix"/> (e.g. "patient.name").</summary>
    public static void ValidatePatient(PatientRequest patient, string prefix, DateOnly today, RequestErrors errors)
    {
        RequireText(patient.Id, prefix + ".id", 64, errors);
        RequireText(patient.Issuer, prefix + ".issuer", 64, errors);
        RequireText(patient.Name, prefix + ".name", 194, errors);
        if (patient.Sex is not null && ParseSex(patient.Sex) is null)
        {
            errors.Add(prefix + ".sex", "Must be M, F, O or U.");
        }
        if (patient.BirthDate is { } birth && (birth > today || birth.Year < 1880))
        {
            errors.Add(prefix + ".birthDate", "Must be a date between 1880 and today.");
        }
        if (patient.Phone is { } phone && !IsPhone(phone))
        {
            errors.Add(prefix + ".phone", "Must be a phone number: digits, optionally with a leading + and - separators, at most 20 characters.");
        }
    }

    /// <summary>The domain identity of a validated patient part.</summary>
    public static PatientIdentity ToIdentity(PatientRequest patient) =>
        new(patient.Id!.Trim(), patient.Issuer!.Trim(), patient.Name!.Trim(), ParseSex(patient.Sex) ?? Sex.Unknown,
            patient.BirthDate, string.IsNullOrWhiteSpace(patient.Phone) ? null : patient.Phone.Trim());

    public static Sex? ParseSex(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "U" => Sex.Unknown,
        "M" => Sex.Male,
        "F" => Sex.Female,
        "O" => Sex.Other,
        _ => null,
    };

    public static string SexCode(Sex sex) => sex switch
    {
        Sex.Male => "M",
        Sex.Female => "F",
        Sex.Other => "O",
        _ => "U",
    };

    public static void RequireText(string? value, string field, int maxLength, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required.");
            return;
        }
        OptionalText(value, field, maxLength, errors);
    }

    public static void OptionalText(string value, string field, int maxLength, RequestErrors errors)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
        }
        else if (trimmed.Any(c => c == '\\' || char.IsControl(c)))
        {
            errors.Add(field, "Must not contain a backslash or control characters.");
        }
    }

    private static bool IsPhone(string phone)
    {
        var p = phone.Trim();
        if (p.Length is 0 or > 20)
        {
            return false;
        }
        var digits = p.StartsWith('+') ? p[1..] : p;
        return digits.Length > 0 && digits.All(c => char.IsAsciiDigit(c) || c == '-') && digits.Any(char.IsAsciiDigit);
    }
}
