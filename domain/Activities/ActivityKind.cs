namespace ActorWelfare.Activities;

/// <summary>The three kinds of community-work activity the monitoring follows.</summary>
[DataContract(Name = "ActivityKind")]
public enum ActivityKind
{
    /// <summary>Progetto inclusivo.</summary>
    Progetto = 0,
    /// <summary>Tavolo permanente.</summary>
    Tavolo = 1,
    /// <summary>Gruppo di cittadini.</summary>
    Gruppo = 2,
}
