using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>What makes an organisation record and a merge acceptable: every problem at once, by field and rule.</summary>
public static class OrganisationRules
{
    public static List<ValidationError> Problems(Organisation o, Territory city)
    {
        var errors = new List<ValidationError>();
        if (!GrainKeys.IsValidId(o.Id))
            errors.Add(Errors.Of("id", "kebab-case", $"«{o.Id}» non è un identificativo valido (minuscole, cifre e trattini).",
                $"'{o.Id}' is not a valid id (lower-case letters, digits and dashes)."));
        if (string.IsNullOrWhiteSpace(o.Name)) errors.Add(Errors.Required("name"));
        else if (o.Name.Length > ActivityRules.MaxName) errors.Add(Errors.TooLong("name", ActivityRules.MaxName));
        else if (!ActivityRules.IsPlainText(o.Name, lines: false)) errors.Add(Errors.ControlCharacters("name"));
        else if (o.Name.IndexOfAny(['<', '>']) >= 0) errors.Add(Errors.Markup("name")); // the network's labels and the exports show names as they are
        if (city.Taxonomies.FindOrganisationType(o.Type) is null) errors.Add(Errors.Unknown("type", o.Type));
        foreach (var district in (o.Districts ?? []).Distinct())
            if (city.FindQuartiere(district) is null) errors.Add(Errors.Unknown("districts", district, city));
        foreach (var twice in (o.Districts ?? []).GroupBy(d => d).Where(g => g.Count() > 1)) errors.Add(Errors.Duplicate("districts", twice.Key, city));
        if (o.Description is { } d)
        {
            if (d.Length > Organisation.MaxDescription) errors.Add(Errors.TooLong("description", Organisation.MaxDescription));
            else if (!ActivityRules.IsPlainText(d, lines: true)) errors.Add(Errors.ControlCharacters("description"));
        }
        if (!OrganisationStatus.Chosen.Contains(o.Status)) errors.Add(Errors.Unknown("status", o.Status));
        if (o.MergedInto is not null)
            errors.Add(Errors.Of("mergedInto", "merge-only", "un'organizzazione si unisce a un'altra con l'azione «Unisci», non modificandola.",
                "an organisation is merged into another with the merge action, not by editing it."));
        return errors;
    }

    /// <summary>
    /// Why <paramref name="merged"/> may not be merged into <paramref name="into"/> of <paramref name="intoCity"/>
    /// (<paramref name="target"/> is the registry's record of that id in this city, if any).
    /// </summary>
    public static List<ValidationError> MergeProblems(Organisation merged, string? into, string? intoCity, string city, Organisation? target, string cityName)
    {
        var errors = new List<ValidationError>();
        var sameCity = string.IsNullOrEmpty(intoCity) || intoCity == city;
        if (!sameCity)
            errors.Add(Errors.Of("intoCity", "same-city", $"si uniscono solo organizzazioni dello stesso registro ({cityName}), non di «{intoCity}».",
                $"only organisations of the same registry ({cityName}) are merged, not of '{intoCity}'."));
        if (string.IsNullOrWhiteSpace(into)) errors.Add(Errors.Required("into"));
        else if (into == merged.Id) errors.Add(Errors.MergeIntoItself());
        else if (sameCity && target is null)
            errors.Add(Errors.Of("into", "registered", $"l'organizzazione «{into}» non è nel registro di {cityName}.", $"organisation '{into}' is not in {cityName}'s registry."));
        else if (target?.MergedInto is { } further) errors.Add(Errors.MergedOrganisation("into", target.Id, further));
        if (merged.MergedInto is { } already && already != into) errors.Add(Errors.MergedOrganisation("id", merged.Id, already));
        return errors;
    }
}
