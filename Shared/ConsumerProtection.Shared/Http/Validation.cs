using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Shared.Http;

/// <summary>Collects field errors for a 400 <c>application/problem+json</c> answer (RFC 9457 with <c>errors</c>).</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no error was added.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>How many messages were added so far (to tell whether a part of a larger body added any).</summary>
    public int ErrorCount { get; private set; }

    /// <summary>The errors in one line, <c>field: message; ...</c> (for exceptions to in-process callers).</summary>
    public string Describe() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));

    /// <summary>Adds <paramref name="message"/> for <paramref name="field"/> unless <paramref name="ok"/>.</summary>
    public Validation Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    /// <summary>Adds an error for <paramref name="field"/>.</summary>
    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        ErrorCount++;
        return this;
    }

    /// <summary>
    /// Requires a non-blank string of at most <paramref name="maxLength"/> characters. Control characters are refused;
    /// tab, CR and LF only where the field is <paramref name="multiline"/> (free text such as a description).
    /// </summary>
    public Validation Text(string field, string? value, int maxLength, bool required = true, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "is required.") : this;
        }

        if (StrictTextConverter.HasForbiddenControl(value) || (!multiline && value.AsSpan().ContainsAny('\t', '\r', '\n')))
        {
            return Add(field, multiline ? "must not contain control characters other than tab and line breaks." : "must be one line without control characters (no tab or line break).");
        }

        return Check(value.Length <= maxLength, field, $"must be at most {maxLength} characters.");
    }

    /// <summary>Requires a value.</summary>
    public Validation Required<T>(string field, T? value) => Check(value is not null, field, "is required.");

    /// <summary>The errors as a validation problem.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            title: "The request is invalid.");
}
