using ActorWelfare.Activities;

namespace ActorWelfare.Dashboard.Components.Staff;

/// <summary>
/// The editable form of an activity's profile. Lists left empty mean "not reported" (null), as in the
/// model; fields another kind does not use are sent as null so the domain never sees them.
/// </summary>
public sealed class ProfileModel
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public List<string> Quartieri { get; set; } = [];
    public List<string> Zones { get; set; } = [];
    public int StartYear { get; set; } // a new form sets the city's current year (CityCalendar)
    public int? EndYear { get; set; }
    public string Status { get; set; } = "attivo";
    public bool ExcludedFromAggregates { get; set; }
    public bool CityWide { get; set; }

    public string? PromoterLevel { get; set; }
    public bool FromPdzLab { get; set; }
    public string? NeedArea { get; set; }
    public string? Reach { get; set; }
    public List<string> PromoterRoles { get; set; } = [];
    public List<string> Activities { get; set; } = [];
    public string? Target { get; set; }
    public string? AccessMode { get; set; }
    public List<string> SstFunctions { get; set; } = [];

    public string? Coordination { get; set; }
    public List<string> Themes { get; set; } = [];
    public List<string> Purposes { get; set; } = [];

    public List<OrganisationLink> Organisations { get; set; } = [];
    private bool organisationsReported;

    public static ProfileModel From(ActivityProfile p) => new()
    {
        Name = p.Name, Description = p.Description, Quartieri = [.. p.Quartieri], Zones = [.. p.Zones],
        StartYear = p.StartYear, EndYear = p.EndYear, Status = p.Status, ExcludedFromAggregates = p.ExcludedFromAggregates, CityWide = p.CityWide,
        PromoterLevel = p.PromoterLevel, FromPdzLab = p.FromPdzLab == true, NeedArea = p.NeedArea, Reach = p.Reach,
        PromoterRoles = [.. p.PromoterRoles ?? []], Activities = [.. p.Activities ?? []], Target = p.Target,
        AccessMode = p.AccessMode, SstFunctions = [.. p.SstFunctions ?? []],
        Coordination = p.Coordination, Themes = [.. p.Themes ?? []], Purposes = [.. p.Purposes ?? []],
        Organisations = [.. p.Organisations ?? []], organisationsReported = p.Organisations is not null,
    };

    public ActivityProfile ToProfile(ActivityKind kind)
    {
        var progetto = kind == ActivityKind.Progetto;
        return new ActivityProfile
        {
            Name = Name.Trim(), Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Quartieri = [.. Quartieri], Zones = [.. Zones], StartYear = StartYear, EndYear = EndYear, Status = Status,
            ExcludedFromAggregates = ExcludedFromAggregates, CityWide = CityWide,
            PromoterLevel = progetto ? Blank(PromoterLevel) : null,
            FromPdzLab = progetto ? FromPdzLab : null,
            NeedArea = progetto && FromPdzLab ? Blank(NeedArea) : null,
            Reach = progetto ? Blank(Reach) : null,
            PromoterRoles = progetto ? Listed(PromoterRoles) : null,
            Activities = progetto ? Listed(Activities) : null,
            Target = progetto ? Blank(Target) : null,
            AccessMode = progetto ? Blank(AccessMode) : null,
            SstFunctions = progetto ? Listed(SstFunctions) : null,
            Coordination = progetto ? null : Blank(Coordination),
            Themes = progetto ? null : Listed(Themes),
            Purposes = progetto ? null : Listed(Purposes),
            Organisations = Organisations.Count > 0 || organisationsReported ? [.. Organisations] : null,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
    private static IReadOnlyList<string>? Listed(List<string> values) => values.Count == 0 ? null : [.. values];
}

/// <summary>The editable form of one year's figures.</summary>
public sealed class FiguresModel
{
    public int Year { get; set; }
    public int? Meetings { get; set; }
    public int? Beneficiaries { get; set; }
    public int? BeneficiariesInCarico { get; set; }
    public int? Volunteers { get; set; }
    public int? OrganisationOperators { get; set; }
    public int? Citizens { get; set; }
    public Dictionary<string, int?> Operators { get; set; } = [];
    public List<string> Funders { get; set; } = [];
    public string? FundingClass { get; set; }
    /// <summary>Fields whose text is not a whole number; the form refuses to save while there are any.</summary>
    public HashSet<string> Unparsed { get; } = [];

    /// <summary>The fields that are not whole numbers, each named by its label (the office's name with the city given).</summary>
    public IReadOnlyList<ValidationError> UnparsedErrors(Territories.Territory? city = null) => [.. Unparsed.Select(f =>
    {
        var label = FieldLabels.Of(f, city);
        return new ValidationError(f, "whole-number",
            $"{label.It}: deve essere un numero intero tra 0 e {int.MaxValue.ToString("N0", Localization.Texts.Italian)}.",
            $"{label.En}: must be a whole number between 0 and {int.MaxValue.ToString("N0", Localization.Texts.English)}.");
    })];

    public static FiguresModel From(int year, YearFigures? f) => new()
    {
        Year = year, Meetings = f?.Meetings, Beneficiaries = f?.Beneficiaries, BeneficiariesInCarico = f?.BeneficiariesInCarico,
        Volunteers = f?.Volunteers, OrganisationOperators = f?.OrganisationOperators, Citizens = f?.Citizens,
        Operators = (f?.Operators ?? new Dictionary<string, int>()).ToDictionary(kv => kv.Key, kv => (int?)kv.Value),
        Funders = [.. f?.Funders ?? []], FundingClass = f?.FundingClass,
    };

    public YearFigures ToFigures(ActivityKind kind)
    {
        var progetto = kind == ActivityKind.Progetto;
        var operators = Operators.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);
        return new YearFigures
        {
            Meetings = progetto ? null : Meetings,
            Beneficiaries = progetto ? Beneficiaries : null,
            BeneficiariesInCarico = progetto ? BeneficiariesInCarico : null,
            Volunteers = progetto ? Volunteers : null,
            OrganisationOperators = progetto ? OrganisationOperators : null,
            Citizens = kind == ActivityKind.Gruppo ? Citizens : null,
            Operators = operators.Count == 0 ? null : operators,
            Funders = progetto && Funders.Count > 0 ? [.. Funders] : null,
            FundingClass = progetto && !string.IsNullOrEmpty(FundingClass) ? FundingClass : null,
        };
    }
}
