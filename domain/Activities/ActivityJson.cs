using System.Text.Json;
using System.Text.Json.Serialization;
using ActorWelfare.Activities;

namespace ActorWelfare.Storage;

/// <summary>How activity records are written as JSON (database, audit, API).</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static ActivityRecord ReadRecord(string json) =>
        JsonSerializer.Deserialize<ActivityRecord>(json, Options) ?? throw new InvalidDataException("Empty activity record.");

    /// <summary>The key of an activity as aggregators and stores name it: "city/kind/id".</summary>
    public static string KeyOf(ActivityRecord r) => Keys.GrainKeys.Activity(r.City, r.Kind, r.Id);
}
