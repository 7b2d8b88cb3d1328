using ActorWelfare.WireFormat;

// Usage: ActorWelfare.WireFormat <the C# file to write>. Reads the domain assembly this tool was built with.
if (args is not [var output])
{
    Console.Error.WriteLine("usage: ActorWelfare.WireFormat <the C# file to write>");
    return 2;
}

try
{
    var source = SurrogateWriter.Write(typeof(ActorWelfare.Domain.ActivityRules).Assembly);
    // Written only when it changes, so an unchanged domain does not recompile the contracts.
    if (!File.Exists(output) || File.ReadAllText(output) != source) File.WriteAllText(output, source);
    return 0;
}
catch (WireFormatException e)
{
    Console.Error.WriteLine($"error AW0001: {e.Message}");
    return 1;
}
