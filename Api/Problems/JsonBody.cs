using System.Text.Json;

namespace CloudFilm.Api.Problems;

/// <summary>
/// Reads a JSON request body, turning every way it can be wrong (missing, not JSON, wrong type of a field) into
/// a <see cref="RequestValidationException"/> that names the field by its JSON path.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw RequestValidationException.For("$", "The body must be JSON (Content-Type: application/json).");
        }
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken)
                ?? throw RequestValidationException.For("$", "The body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw RequestValidationException.For(FieldOf(e.Path), Describe(e));
        }
    }

    /// <summary>"$.patient.birthDate" → "patient.birthDate"; the root stays "$".</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    private static string Describe(JsonException e) =>
        e.LineNumber is null && e.Path is null
            ? "The body is not valid JSON."
            : e.InnerException is FormatException or InvalidOperationException
                ? "The value has the wrong type or format."
                : $"The value cannot be read here (line {e.LineNumber + 1}, byte {e.BytePositionInLine}).";
}
