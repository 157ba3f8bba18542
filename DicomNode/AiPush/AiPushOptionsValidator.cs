using Microsoft.Extensions.Options;

namespace CloudFilm.DicomNode.AiPush;

/// <summary>Refuses, at start, AI endpoints that could never be delivered to or that name a trigger that does not exist.</summary>
public sealed class AiPushOptionsValidator : IValidateOptions<AiPushOptions>
{
    public ValidateOptionsResult Validate(string? name, AiPushOptions options)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var at = $"AiPush:Endpoints:{i}";
            if (string.IsNullOrWhiteSpace(endpoint.Name))
            {
                problems.Add($"{at}:Name is empty");
            }
            else if (!names.Add(endpoint.Name))
            {
                problems.Add($"{at}:Name '{endpoint.Name}' is used by another endpoint (the delivery log tells endpoints apart by name)");
            }
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{at}:Url '{endpoint.Url}' is not an absolute http or https URL");
            }
            for (var t = 0; t < endpoint.Triggers.Count; t++)
            {
                if (!PushTrigger.IsKnown(endpoint.Triggers[t]))
                {
                    problems.Add($"{at}:Triggers:{t} '{endpoint.Triggers[t]}' is not a trigger; use {string.Join(" or ", PushTrigger.All.Select(k => $"'{k}'"))}");
                }
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
