using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>The rules of an activity's profile for its kind and city.</summary>
internal sealed class ProfileCheck(ActivityKind kind, Territory territory, Func<string, string?> organisationType, List<ValidationError> errors)
{
    private Taxonomies Tax => territory.Taxonomies;

    public void Check(ActivityProfile? p)
    {
        if (p is null) { errors.Add(Errors.Required("profile")); return; }
        if (string.IsNullOrWhiteSpace(p.Name)) errors.Add(Errors.Required("name"));
        else if (p.Name.Length > ActivityRules.MaxName) errors.Add(Errors.TooLong("name", ActivityRules.MaxName));
        else if (!ActivityRules.IsPlainText(p.Name, lines: false)) errors.Add(Errors.ControlCharacters("name"));
        if (p.Description?.Length > ActivityRules.MaxDescription) errors.Add(Errors.TooLong("description", ActivityRules.MaxDescription));
        else if (p.Description is { } description && !ActivityRules.IsPlainText(description, lines: true)) errors.Add(Errors.ControlCharacters("description"));
        CheckPlace(p.Quartieri, p.Zones, p.CityWide);
        if (p.StartYear is < ActivityRules.MinYear or > ActivityRules.MaxYear)
            errors.Add(Errors.YearRange("startYear", ActivityRules.MinYear, ActivityRules.MaxYear));
        if (p.EndYear is { } end)
        {
            if (end is < ActivityRules.MinYear or > ActivityRules.MaxYear) errors.Add(Errors.YearRange("endYear", ActivityRules.MinYear, ActivityRules.MaxYear));
            else if (end < p.StartYear) errors.Add(Errors.EndBeforeStart());
        }
        if (!Tax.Statuses.Has(p.Status)) errors.Add(Errors.Unknown("status", p.Status));

        var progetto = kind == ActivityKind.Progetto;
        Only(progetto, "promoterLevel", p.PromoterLevel is not null);
        Only(progetto, "fromPdzLab", p.FromPdzLab is not null);
        Only(progetto, "needArea", p.NeedArea is not null);
        Only(progetto, "reach", p.Reach is not null);
        Only(progetto, "promoterRoles", p.PromoterRoles is not null);
        Only(progetto, "activities", p.Activities is not null);
        Only(progetto, "target", p.Target is not null);
        Only(progetto, "accessMode", p.AccessMode is not null);
        Only(progetto, "sstFunctions", p.SstFunctions is not null);
        Only(!progetto, "coordination", p.Coordination is not null);
        Only(!progetto, "themes", p.Themes is not null);
        Only(!progetto, "purposes", p.Purposes is not null);

        One("promoterLevel", p.PromoterLevel, Tax.PromoterLevels);
        One("needArea", p.NeedArea, Tax.NeedAreas);
        One("reach", p.Reach, Tax.Reach);
        One("target", p.Target, Tax.Targets);
        One("accessMode", p.AccessMode, Tax.AccessModes);
        One("coordination", p.Coordination, Tax.CoordinationKinds);
        Many("promoterRoles", p.PromoterRoles, Tax.PromoterRoles);
        Many("activities", p.Activities, Tax.Activities);
        Many("sstFunctions", p.SstFunctions, Tax.SstFunctions);
        Many("themes", p.Themes, Tax.Themes);
        Many("purposes", p.Purposes, Tax.Purposes);
        if (p.NeedArea is not null && p.FromPdzLab != true)
            errors.Add(Errors.Of("needArea", "pdz-only", "si indica solo per i progetti nati dai laboratori dei Piani di Zona.",
                "only for projects born in the Piani di Zona workshops."));
        if (p.Organisations is not null) CheckOrganisations(p.Organisations);
    }

    /// <summary>The districts and zones; an activity of the whole city may list none (it then counts in no district).</summary>
    public void CheckPlace(IReadOnlyList<string>? quartieri, IReadOnlyList<string>? zones, bool cityWide = false)
    {
        if (quartieri is null || (quartieri.Count == 0 && !cityWide)) { errors.Add(Errors.Required("quartieri", territory)); return; }
        foreach (var q in quartieri)
            if (territory.FindQuartiere(q) is null) errors.Add(Errors.Unknown("quartieri", q, territory));
        foreach (var d in quartieri.GroupBy(q => q).Where(g => g.Count() > 1)) errors.Add(Errors.Duplicate("quartieri", d.Key, territory));
        foreach (var z in zones ?? [])
        {
            if (territory.QuartiereOfZone(z) is null) errors.Add(Errors.Unknown("zones", z));
            else if (!quartieri.Any(q => territory.FindQuartiere(q)?.Zones.Any(x => x.Id == z) == true))
                errors.Add(Errors.ZoneOutsideQuartieri(z, territory));
        }
        foreach (var d in (zones ?? []).GroupBy(z => z).Where(g => g.Count() > 1)) errors.Add(Errors.Duplicate("zones", d.Key));
    }

    public void CheckOrganisations(IReadOnlyList<OrganisationLink> organisations)
    {
        if (organisations.Count > 500) errors.Add(Errors.TooLarge("organisations", 500));
        foreach (var o in organisations)
        {
            if (o is null || string.IsNullOrEmpty(o.OrganisationId)) { errors.Add(Errors.Required("organisations.organisationId")); continue; }
            if (organisationType(o.OrganisationId) is null) errors.Add(Errors.UnknownOrganisation(o.OrganisationId));
            Many("organisations.functions", o.Functions ?? [], Tax.OrganisationFunctions);
        }
        foreach (var d in organisations.Where(o => o?.OrganisationId is not null).GroupBy(o => o.OrganisationId).Where(g => g.Count() > 1))
            errors.Add(Errors.Duplicate("organisations", d.Key));
    }

    private void Only(bool applies, string field, bool present)
    {
        if (present && !applies) errors.Add(Errors.NotApplicable(field, kind));
    }

    private void One(string field, string? value, IReadOnlyList<Term> terms)
    {
        if (value is not null && !terms.Has(value)) errors.Add(Errors.Unknown(field, value));
    }

    private void Many(string field, IReadOnlyList<string>? values, IReadOnlyList<Term> terms)
    {
        if (values is null) return;
        if (values.Count > ActivityRules.MaxList) errors.Add(Errors.TooLarge(field, ActivityRules.MaxList));
        foreach (var v in values) One(field, v, terms);
        foreach (var d in values.GroupBy(v => v).Where(g => g.Count() > 1)) errors.Add(Errors.Duplicate(field, d.Key));
    }
}

/// <summary>The rules of a year's figures for an activity kind.</summary>
internal static class FiguresCheck
{
    public static void Check(ActivityKind kind, YearFigures? f, Territory city, List<ValidationError> errors, int? year = null, Func<string, string?>? organisationType = null)
    {
        var tax = city.Taxonomies;
        if (f is null) { errors.Add(Errors.Required("figures")); return; }
        var progetto = kind == ActivityKind.Progetto;
        Count("meetings", f.Meetings, !progetto);
        Count("beneficiaries", f.Beneficiaries, progetto);
        Count("beneficiariesInCarico", f.BeneficiariesInCarico, progetto);
        Count("volunteers", f.Volunteers, progetto);
        Count("organisationOperators", f.OrganisationOperators, progetto);
        Count("citizens", f.Citizens, kind == ActivityKind.Gruppo);
        if (f.BeneficiariesInCarico > f.Beneficiaries) errors.Add(Errors.InCaricoAboveTotal());
        MeetingEventCheck.Check(kind, year, f.Events, city, errors, organisationType);
        foreach (var (office, n) in f.Operators ?? new Dictionary<string, int>())
        {
            if (!tax.Offices.Has(office)) errors.Add(Errors.Unknown("operators", office));
            Count($"operators.{office}", n, true);
        }
        if (f.Funders is not null)
        {
            if (!progetto) errors.Add(Errors.NotApplicable("funders", kind));
            foreach (var funder in f.Funders)
                if (!tax.Funders.Has(funder)) errors.Add(Errors.Unknown("funders", funder));
            foreach (var d in f.Funders.GroupBy(x => x).Where(g => g.Count() > 1)) errors.Add(Errors.Duplicate("funders", d.Key));
        }
        if (f.FundingClass is not null)
        {
            if (!progetto) errors.Add(Errors.NotApplicable("fundingClass", kind));
            else if (!tax.FundingClasses.Has(f.FundingClass)) errors.Add(Errors.Unknown("fundingClass", f.FundingClass));
        }

        void Count(string field, int? value, bool applies)
        {
            if (value is null) return;
            if (!applies) errors.Add(Errors.NotApplicable(field, kind, city));
            else if (value < 0) errors.Add(Errors.Negative(field, city));
            else if (value > ActivityRules.MaxCount) errors.Add(Errors.TooLarge(field, ActivityRules.MaxCount, city));
        }
    }
}
