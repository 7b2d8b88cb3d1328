using System.Globalization;

namespace ActorWelfare.Dashboard.Api;

/// <summary>
/// "page" (from 1) and "pageSize" (1 to <see cref="MaxPageSize"/>, default <see cref="DefaultPageSize"/>)
/// of a list endpoint: the body stays an array; X-Total-Count gives how many match and Link the next
/// and previous pages (RFC 8288), so no answer grows with the size of a city.
/// </summary>
public sealed record ApiPaging(int Page, int PageSize, IReadOnlyList<(string Field, string Rule, string Message)> Problems)
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 1000;

    public static ApiPaging Read(string? page, string? pageSize)
    {
        var problems = new List<(string, string, string)>();
        var number = 1;
        var size = DefaultPageSize;
        if (page is not null && !(int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1))
            problems.Add(("page", "whole-number", $"page: '{Shown(page)}' must be a whole number from 1."));
        if (pageSize is not null && !(int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize))
            problems.Add(("pageSize", "range", $"pageSize: '{Shown(pageSize)}' must be a whole number from 1 to {MaxPageSize}."));
        return new ApiPaging(number, size, problems);
    }

    /// <summary>This page of <paramref name="rows"/>, with the headers that describe the others.</summary>
    public IEnumerable<T> Apply<T>(HttpContext http, IReadOnlyList<T> rows)
    {
        http.Response.Headers["X-Total-Count"] = rows.Count.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if ((long)Page * PageSize < rows.Count) links.Add($"<{Link(http, Page + 1)}>; rel=\"next\"");
        if (Page > 1) links.Add($"<{Link(http, Page - 1)}>; rel=\"prev\"");
        if (links.Count > 0) http.Response.Headers.Link = string.Join(", ", links);
        var skip = (long)(Page - 1) * PageSize; // long: a huge page number is past the end, never wrapped round
        return skip >= rows.Count ? [] : rows.Skip((int)skip).Take(PageSize);
    }

    private string Link(HttpContext http, int page)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(http.Request.QueryString.Value)
            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        query["pageSize"] = PageSize.ToString(CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
    }

    private static string Shown(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
