using ActorWelfare.Domain;
using Microsoft.Extensions.Configuration;

namespace ActorWelfare.Indicators;

/// <summary>The aggregators' pacing as configured ("Indicators:ShortestPublishGapMs", "Indicators:LongestPublishGapMs").</summary>
public static class IndicatorPacing
{
    public const string ShortestKey = "Indicators:ShortestPublishGapMs";
    public const string LongestKey = "Indicators:LongestPublishGapMs";

    /// <summary>A new pacing from the settings; a setting out of range stops with its name and the rule (the silo checks at start).</summary>
    public static PublicationPacing From(IConfiguration configuration)
    {
        var shortest = configuration.GetValue(ShortestKey, 16);
        var longest = configuration.GetValue(LongestKey, 2_000);
        var problems = new List<string>();
        if (shortest < 0) problems.Add($"{ShortestKey}: {shortest} must be 0 or more (milliseconds).");
        if (longest < Math.Max(shortest, 0)) problems.Add($"{LongestKey}: {longest} must be at least {ShortestKey} ({shortest}).");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        return new PublicationPacing(TimeSpan.FromMilliseconds(shortest), TimeSpan.FromMilliseconds(longest));
    }
}
