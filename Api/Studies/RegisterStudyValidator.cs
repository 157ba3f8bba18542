using CloudFilm.Api.Problems;
using CloudFilm.Grains.Studies;

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
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var patient = request.Patient;
        var order = request.Order;
        if (patient is null)
        {
            Fail("patient", "Required.");
        }
        if (order is null)
        {
            Fail("order", "Required.");
        }

        if (patient is not null)
        {
            RequireText(patient.Id, "patient.id", 64, Fail);
            RequireText(patient.Issuer, "patient.issuer", 64, Fail);
            RequireText(patient.Name, "patient.name", 194, Fail);
            if (patient.Sex is not null && ParseSex(patient.Sex) is null)
            {
                Fail("patient.sex", "Must be M, F, O or U.");
            }
            if (patient.BirthDate is { } birth && (birth > today || birth.Year < 1880))
            {
                Fail("patient.birthDate", "Must be a date between 1880 and today.");
            }
            if (patient.Phone is { } phone && !IsPhone(phone))
            {
                Fail("patient.phone", "Must be a phone number: digits, optionally with a leading + and - separators, at most 20 characters.");
            }
        }

        if (order is not null)
        {
            RequireText(order.AccessionNumber, "order.accessionNumber", 16, Fail);
            if (order.AccessionNumber is { } accession && accession.IndexOfAny(['/', '?', '#', '%']) >= 0)
            {
                Fail("order.accessionNumber", "Must not contain / ? # or %: it is the study's key in URLs.");
            }
            RequireText(order.Campus, "order.campus", 64, Fail);
            RequireText(order.Department, "order.department", 64, Fail);
            RequireText(order.Modality, "order.modality", 16, Fail);
            if (order.Modality is { Length: > 0 } modality && !modality.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                Fail("order.modality", "Must be a DICOM modality code in capitals, e.g. CT, MR, DX, US.");
            }
            RequireText(order.ExamItem, "order.examItem", 64, Fail);
            if (order.BodyPart is not null)
            {
                OptionalText(order.BodyPart, "order.bodyPart", 64, Fail);
            }
            if (order.Priority is null)
            {
                Fail("order.priority", "Required: routine, urgent or emergency.");
            }
            if (order.PatientType is null)
            {
                Fail("order.patientType", "Required: outpatient, inpatient, emergency or physical-exam.");
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new StudyRegistration(
            new PatientIdentity(patient!.Id!.Trim(), patient.Issuer!.Trim(), patient.Name!.Trim(), ParseSex(patient.Sex) ?? Sex.Unknown,
                patient.BirthDate, string.IsNullOrWhiteSpace(patient.Phone) ? null : patient.Phone.Trim()),
            new ExamOrder(order!.AccessionNumber!.Trim(), order.Campus!.Trim(), order.Department!.Trim(), order.Modality!,
                order.ExamItem!.Trim(), order.BodyPart?.Trim() ?? "", order.Priority!.Value, order.PatientType!.Value, order.Vip ?? false));
    }

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

    private static void RequireText(string? value, string field, int maxLength, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(field, "Required.");
            return;
        }
        OptionalText(value, field, maxLength, fail);
    }

    private static void OptionalText(string value, string field, int maxLength, Action<string, string> fail)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            fail(field, $"At most {maxLength} characters.");
        }
        else if (trimmed.Any(c => c == '\\' || char.IsControl(c)))
        {
            fail(field, "Must not contain a backslash or control characters.");
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
