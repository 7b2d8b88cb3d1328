namespace ActorWelfare.Access;

/// <summary>
/// Where a grain call's <see cref="Caller"/> travels: Orleans' request context, handed down the async flow and
/// across grain calls. Apart from the record, so the domain stays free of the Orleans runtime.
/// </summary>
public static class CallerContext
{
    private const string ContextKey = "aw.caller";

    /// <summary>The caller of the current grain call; <see cref="Caller.Anonymous"/> when none was handed down.</summary>
    public static Caller Current => RequestContext.Get(ContextKey) as Caller ?? Caller.Anonymous;

    /// <summary>Hands the caller down to every grain call made from here in this async flow.</summary>
    public static void HandDown(Caller caller) => RequestContext.Set(ContextKey, caller);
}
