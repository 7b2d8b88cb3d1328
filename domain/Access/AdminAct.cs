namespace ActorWelfare.Access;

/// <summary>
/// One administrative act, as the append-only table <c>admin_audit</c> keeps it: who did what to which
/// account, token, organisation or year, with what it was before and after (short JSON or text).
/// </summary>
public sealed record AdminAct(string ActorId, string ActorName, string Action, string? City, string Target, string? Before, string? After)
{
    /// <summary>The act of <paramref name="caller"/>.</summary>
    public static AdminAct By(Caller caller, string action, string? city, string target, string? before, string? after) =>
        new(caller.UserId, caller.Name, action, city, target, before, after);
}

/// <summary>The names of the acts (the <c>action</c> column).</summary>
public static class AdminActions
{
    public const string AccountCreated = "account-created";
    public const string AccountChanged = "account-changed";
    public const string AccountLocked = "account-locked";
    public const string AccountUnlocked = "account-unlocked";
    /// <summary>Roles or quartieri that an identity provider's claims changed when the person signed in.</summary>
    public const string SignInRightsChanged = "sign-in-rights-changed";
    public const string TokenIssued = "token-issued";
    public const string TokenRevoked = "token-revoked";
    public const string OrganisationRegistered = "organisation-registered";
    public const string OrganisationRenamed = "organisation-renamed";
    /// <summary>Districts, description or status changed.</summary>
    public const string OrganisationDescribed = "organisation-described";
    public const string OrganisationMerged = "organisation-merged";
    public const string YearClosed = "year-closed";
    public const string YearReopened = "year-reopened";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string AlertSnoozed = "alert-snoozed";
    public const string AlertRulesChanged = "alert-rules-changed";
    public const string DistrictReady = "district-ready";
    public const string DistrictNotReady = "district-not-ready";

    public static readonly IReadOnlyList<string> All =
    [
        AccountCreated, AccountChanged, AccountLocked, AccountUnlocked, SignInRightsChanged, TokenIssued, TokenRevoked,
        OrganisationRegistered, OrganisationRenamed, OrganisationDescribed, OrganisationMerged, YearClosed, YearReopened, AlertAcknowledged, AlertSnoozed, AlertRulesChanged,
        DistrictReady, DistrictNotReady,
    ];
}
