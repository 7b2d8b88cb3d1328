using ActorWelfare.Activities;

namespace ActorWelfare.Years;

/// <summary>
/// What an activity of the year has not reported: the fields of its kind the report's figures read (their bases,
/// "su 62 progetti", count the activities that reported them).
/// </summary>
[DataContract(Name = "ActivityGaps"), ImmutableObject(true)]
public sealed record ActivityGaps(
    [property: DataMember(Order = 0)] ActivityKind Kind,
    [property: DataMember(Order = 1)] string Id,
    [property: DataMember(Order = 2)] string Name,
    [property: DataMember(Order = 3)] IReadOnlyList<string> Quartieri,
    [property: DataMember(Order = 4)] IReadOnlyList<string> Missing);

/// <summary>A district marked ready for closing by one of its operatori (or marked not ready again): who and when.</summary>
[DataContract(Name = "DistrictSignOff"), ImmutableObject(true)]
public sealed record DistrictSignOff(
    [property: DataMember(Order = 0)] bool Ready,
    [property: DataMember(Order = 1)] string By,
    [property: DataMember(Order = 2)] DateTimeOffset At);

/// <summary>
/// One district's completeness for the year (or the whole city's, <see cref="Quartiere"/> "*" in
/// <see cref="YearCompleteness.City"/>): its activities by kind, how many reported every field, and how many reported
/// each field ("progetto.volunteers"), with the district's sign-off.
/// </summary>
[DataContract(Name = "DistrictCompleteness"), ImmutableObject(true)]
public sealed record DistrictCompleteness(
    [property: DataMember(Order = 0)] string Quartiere,
    [property: DataMember(Order = 1)] IReadOnlyDictionary<ActivityKind, int> Activities,
    [property: DataMember(Order = 2)] int Complete,
    [property: DataMember(Order = 3)] IReadOnlyDictionary<string, int> Reported,
    [property: DataMember(Order = 4)] DistrictSignOff? SignOff)
{
    public int Total => Activities.Values.Sum();

    /// <summary>The reporting rate: activities that reported every field of their kind, of all (1 with none).</summary>
    public double Rate => Total == 0 ? 1 : (double)Complete / Total;

    public bool Ready => SignOff?.Ready == true;
}

/// <summary>
/// A city-year's completeness: the whole city, each district (with its sign-off), and every activity with a gap.
/// Computed from the stored records of the year, as a snapshot is.
/// </summary>
[DataContract(Name = "YearCompleteness"), ImmutableObject(true)]
public sealed record YearCompleteness(
    [property: DataMember(Order = 0)] string CityId,
    [property: DataMember(Order = 1)] int Year,
    [property: DataMember(Order = 2)] bool Closed,
    [property: DataMember(Order = 3)] DistrictCompleteness City,
    [property: DataMember(Order = 4)] IReadOnlyList<DistrictCompleteness> Districts,
    [property: DataMember(Order = 5)] IReadOnlyList<ActivityGaps> Gaps)
{
    /// <summary>The fields each kind reports for a year (the figures' bases), in the order pages show them.</summary>
    public static readonly IReadOnlyDictionary<ActivityKind, IReadOnlyList<string>> Fields = new Dictionary<ActivityKind, IReadOnlyList<string>>
    {
        [ActivityKind.Progetto] = ["beneficiaries", "beneficiariesInCarico", "volunteers", "organisationOperators", "operators", "organisations", "funders", "fundingClass"],
        [ActivityKind.Tavolo] = ["meetings", "operators", "organisations"],
        [ActivityKind.Gruppo] = ["meetings", "citizens", "operators", "organisations"],
    };

    public IEnumerable<DistrictCompleteness> NotReady => Districts.Where(d => !d.Ready);
}
