namespace ActorWelfare.Activities;

// Records, profiles and figures are never changed once made (every change is a new record made with
// `with`), so grains of one silo share them instead of copying them ([ImmutableObject(true)]).

/// <summary>
/// What an activity (progetto, tavolo or gruppo) is, apart from its yearly figures. One shape for
/// the three kinds: fields a kind does not use stay null. <c>null</c> always means "not reported".
/// Ids come from the city's taxonomies (<see cref="Territories.Taxonomies"/>).
/// Name, description and the span (first and last year) hold for every year; every other field is
/// dated: an activity keeps one profile per period (<see cref="ActivityRecord.ProfilesUntil"/>).
/// </summary>
[DataContract(Name = "ActivityProfile"), ImmutableObject(true)]
public sealed record ActivityProfile
{
    [DataMember(Order = 0)] public string Name { get; init; } = "";
    [DataMember(Order = 1)] public string? Description { get; init; }
    /// <summary>Quartieri the activity works in (one or more); it still counts once city-wide.</summary>
    [DataMember(Order = 2)] public IReadOnlyList<string> Quartieri { get; init; } = [];
    [DataMember(Order = 3)] public IReadOnlyList<string> Zones { get; init; } = [];
    /// <summary>First year of activity (for tavoli: the year of activation).</summary>
    [DataMember(Order = 4)] public int StartYear { get; init; }
    /// <summary>Last year of activity, null while it goes on.</summary>
    [DataMember(Order = 5)] public int? EndYear { get; init; }
    [DataMember(Order = 6)] public string Status { get; init; } = "attivo";
    /// <summary>Documented but left out of the aggregate figures (the report's "+1").</summary>
    [DataMember(Order = 7)] public bool ExcludedFromAggregates { get; init; }

    // Progetti inclusivi
    [DataMember(Order = 8)] public string? PromoterLevel { get; init; }
    [DataMember(Order = 9)] public bool? FromPdzLab { get; init; }
    [DataMember(Order = 10)] public string? NeedArea { get; init; }
    [DataMember(Order = 11)] public string? Reach { get; init; }
    [DataMember(Order = 12)] public IReadOnlyList<string>? PromoterRoles { get; init; }
    [DataMember(Order = 13)] public IReadOnlyList<string>? Activities { get; init; }
    [DataMember(Order = 14)] public string? Target { get; init; }
    [DataMember(Order = 15)] public string? AccessMode { get; init; }
    [DataMember(Order = 16)] public IReadOnlyList<string>? SstFunctions { get; init; }

    // Tavoli and gruppi
    [DataMember(Order = 17)] public string? Coordination { get; init; }
    [DataMember(Order = 18)] public IReadOnlyList<string>? Themes { get; init; }
    [DataMember(Order = 19)] public IReadOnlyList<string>? Purposes { get; init; }

    /// <summary>Organisations taking part; null when not reported, empty when there are none.</summary>
    [DataMember(Order = 20)] public IReadOnlyList<OrganisationLink>? Organisations { get; init; }

    /// <summary>
    /// An activity of the whole city (promoted at city level: an Area Welfare, ASP or Regione project): it
    /// counts once in the city's figures and, in the districts' figures, only in the districts it lists
    /// (none: in no district's). Not written when false, so records from before read and hash as they did.
    /// </summary>
    [DataMember(Order = 21), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool CityWide { get; init; }
}

/// <summary>
/// An organisation of the city registry taking part in an activity, with its roles there. The type
/// is copied from the registry by the activity grain (a registered organisation never changes type).
/// </summary>
[DataContract(Name = "OrganisationLink"), ImmutableObject(true)]
public sealed record OrganisationLink(
    [property: DataMember(Order = 0)] string OrganisationId,
    [property: DataMember(Order = 1)] IReadOnlyList<string> Functions,
    [property: DataMember(Order = 2)] string? Type = null);

/// <summary>An activity's figures for one year. Every field is optional: null is "not reported".</summary>
[DataContract(Name = "YearFigures"), ImmutableObject(true)]
public sealed record YearFigures
{
    [DataMember(Order = 0)] public int? Meetings { get; init; }
    [DataMember(Order = 1)] public int? Beneficiaries { get; init; }
    [DataMember(Order = 2)] public int? BeneficiariesInCarico { get; init; }
    [DataMember(Order = 3)] public int? Volunteers { get; init; }
    [DataMember(Order = 4)] public int? OrganisationOperators { get; init; }
    [DataMember(Order = 5)] public int? Citizens { get; init; }
    /// <summary>Public operators involved, by office id (sst, reti, sest, altri).</summary>
    [DataMember(Order = 6)] public IReadOnlyDictionary<string, int>? Operators { get; init; }
    [DataMember(Order = 7)] public IReadOnlyList<string>? Funders { get; init; }
    [DataMember(Order = 8)] public string? FundingClass { get; init; }
    /// <summary>The meetings held, as events; absent in records made before events (their count is <see cref="Meetings"/>).</summary>
    [DataMember(Order = 9), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MeetingEvent>? Events { get; init; }

    public static readonly YearFigures Empty = new();
}

/// <summary>The whole stored state of an activity.</summary>
[DataContract(Name = "ActivityRecord"), ImmutableObject(true)]
public sealed record ActivityRecord
{
    [DataMember(Order = 0)] public string City { get; init; } = "";
    [DataMember(Order = 1)] public ActivityKind Kind { get; init; }
    [DataMember(Order = 2)] public string Id { get; init; } = "";
    [DataMember(Order = 3)] public ActivityProfile Profile { get; init; } = new();
    [DataMember(Order = 4)] public IReadOnlyDictionary<int, YearFigures> Years { get; init; } = new Dictionary<int, YearFigures>();
    /// <summary>Grows by one with every accepted change; 0 before registration.</summary>
    [DataMember(Order = 5)] public long Version { get; init; }
    [DataMember(Order = 6)] public bool Deleted { get; init; }
    [DataMember(Order = 7)] public DateTimeOffset UpdatedAt { get; init; }
    [DataMember(Order = 8)] public string UpdatedBy { get; init; } = "";

    /// <summary>
    /// What the activity was in earlier periods: each entry is the profile up to and including its year
    /// (from the year after the previous entry). <see cref="Profile"/> holds from the year after the last
    /// entry on. Empty when the profile never changed over the years: the same profile for every year.
    /// </summary>
    [DataMember(Order = 9)] public IReadOnlyDictionary<int, ActivityProfile> ProfilesUntil { get; init; } = NoEarlierProfiles;

    public static readonly IReadOnlyDictionary<int, ActivityProfile> NoEarlierProfiles = new SortedDictionary<int, ActivityProfile>();

    public bool Exists => Version > 0 && !Deleted;

    /// <summary>What an activity's grain holds before anything was stored for it (version 0), and what an import plans from then.</summary>
    public static ActivityRecord NotStored(string city, ActivityKind kind, string id) => new() { City = city, Kind = kind, Id = id };

    /// <summary>True when the activity takes part in the given year's indicators.</summary>
    public bool IsActiveIn(int year) =>
        Exists && Profile.StartYear <= year && (Profile.EndYear is null || year <= Profile.EndYear);

    /// <summary>The profile the activity had in a year: the first period that ends in or after it, else the current one.</summary>
    public ActivityProfile ProfileFor(int year)
    {
        if (ProfilesUntil.Count == 0) return Profile;
        ActivityProfile? found = null;
        var until = int.MaxValue;
        foreach (var (last, profile) in ProfilesUntil)
            if (last >= year && last < until) (found, until) = (profile, last);
        return found ?? Profile;
    }

    /// <summary>The record as it was in a year: that year's profile as its only one (what figures and lists of the year read).</summary>
    public ActivityRecord AsOf(int year) =>
        ProfilesUntil.Count == 0 ? this : this with { Profile = ProfileFor(year), ProfilesUntil = NoEarlierProfiles };

    /// <summary>Every profile the activity has had, oldest first; the last is <see cref="Profile"/>.</summary>
    /// <summary>
    /// The districts the activity is listed under in any year, and <see cref="WholeCity"/> when it was of
    /// the whole city in any year (how the store indexes it for the activity lists).
    /// </summary>
    public IEnumerable<string> IndexedDistricts() =>
        AllProfiles().SelectMany(p => p.CityWide ? p.Quartieri.Append(WholeCity) : p.Quartieri).Distinct();

    /// <summary>Every organisation the activity names in any of its periods (the store's index for the organisation pages).</summary>
    public IEnumerable<string> IndexedOrganisations() =>
        AllProfiles().SelectMany(p => p.Organisations ?? []).Select(o => o.OrganisationId).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The index entry of the activities of the whole city (no district id is "*").</summary>
    public const string WholeCity = "*";

    /// <summary>The assignment of an operatore who looks after the activities of the whole city: "city/*".</summary>
    public static string WholeCityKey(string city) => $"{city}/{WholeCity}";

    public IEnumerable<ActivityProfile> AllProfiles() => ProfilesUntil.OrderBy(p => p.Key).Select(p => p.Value).Append(Profile);

    public YearFigures FiguresFor(int year) => Years.GetValueOrDefault(year) ?? YearFigures.Empty;
}
