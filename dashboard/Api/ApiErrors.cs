namespace ActorWelfare.Dashboard.Api;

/// <summary>
/// Error answers of the API: a problem document that names the field (its code, for programs) and the
/// rule; its title starts with the field's label, as people read it.
/// </summary>
public static class ApiErrors
{
    /// <param name="message">The rule in words, in English; a leading "<paramref name="field"/>: " is replaced by the field's label.</param>
    public static IResult Problem(int status, string field, string rule, string message) =>
        Results.Problem(statusCode: status, title: Labelled(field, message), extensions: new Dictionary<string, object?>
        {
            ["field"] = field,
            ["rule"] = rule,
        });

    /// <summary>Several problems at once: the first names the answer, "errors" lists them all (field, rule, title).</summary>
    public static IResult Problems(int status, IReadOnlyList<(string Field, string Rule, string Message)> problems) =>
        Results.Problem(statusCode: status, title: Labelled(problems[0].Field, problems[0].Message), extensions: new Dictionary<string, object?>
        {
            ["field"] = problems[0].Field,
            ["rule"] = problems[0].Rule,
            ["errors"] = problems.Select(p => new { field = p.Field, rule = p.Rule, title = Labelled(p.Field, p.Message) }).ToList(),
        });

    /// <summary>The message led by the field's English label (the domain's messages already are: they are left as they are).</summary>
    public static string Labelled(string field, string message)
    {
        var label = Activities.FieldLabels.Of(field).En;
        if (message.StartsWith(label + ": ", StringComparison.Ordinal)) return message;
        var words = message.StartsWith(field + ": ", StringComparison.Ordinal) ? message[(field.Length + 2)..] : message;
        return $"{label}: {words}";
    }

    public static IResult UnknownCity(string city) =>
        Problem(StatusCodes.Status404NotFound, "city", "configured", $"city: '{city}' is not a configured city.");

    public static IResult BadYear(string year) =>
        Problem(StatusCodes.Status400BadRequest, "year", "year-range", $"year: '{year}' must be a year between 2000 and 2100.");

    public static IResult ClusterUnavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "cluster", "connected", "cluster: the service is connecting to the cluster; retry shortly.");

    /// <summary>The checks of every city-year endpoint: a configured city, a plausible year, a connected cluster.</summary>
    public static IResult? CheckCityYear(string city, string year, IReadOnlyDictionary<string, Territories.Territory> cities, Cluster.ClusterConnection cluster)
    {
        if (!cities.ContainsKey(city)) return UnknownCity(city);
        if (!int.TryParse(year, out var y) || y is < 2000 or > 2100) return BadYear(year);
        return cluster.IsConnected ? null : ClusterUnavailable();
    }
}
