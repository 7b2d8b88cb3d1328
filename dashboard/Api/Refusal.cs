using System.Text.Json;
using ActorWelfare.Activities;
using Microsoft.Extensions.Options;

namespace ActorWelfare.Dashboard.Api;

/// <summary>
/// A grain's refusal as a problem document, the same shape as every other error: <c>title</c>, <c>field</c> and
/// <c>rule</c> of the first problem, <c>errors</c> with every problem (field, rule, title, and the messages in both
/// languages), and beside them the members of the grain's answer (<c>outcome</c>, <c>record</c>…), so a program
/// reads the state it was refused against without another request.
/// </summary>
public sealed class Refusal(int status, object answer, IReadOnlyList<ValidationError> errors, string fallbackTitle,
    IReadOnlyDictionary<string, string>? renamed = null) : IResult
{
    // Members of a problem document (RFC 9457) that an answer's member of the same name must not replace.
    private static readonly HashSet<string> ProblemMembers = new(["type", "title", "status", "detail", "instance", "field", "rule", "errors", "traceId"], StringComparer.Ordinal);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var member in JsonSerializer.SerializeToElement(answer, answer.GetType(), json).EnumerateObject())
        {
            var name = renamed?.GetValueOrDefault(member.Name) ?? member.Name;
            if (!ProblemMembers.Contains(name)) extensions[name] = member.Value;
        }
        var first = errors.Count > 0 ? errors[0] : null;
        extensions["field"] = first?.Field ?? "request";
        extensions["rule"] = first?.Rule ?? "allowed";
        extensions["errors"] = errors.Select(e => new { field = e.Field, rule = e.Rule, title = ApiErrors.Labelled(e.Field, e.MessageEn), messageIt = e.MessageIt, messageEn = e.MessageEn }).ToList();
        var title = first is null ? fallbackTitle : ApiErrors.Labelled(first.Field, first.MessageEn);
        return Results.Problem(statusCode: status, title: title, extensions: extensions).ExecuteAsync(httpContext);
    }
}
