using ActorWelfare.Bench;
using ActorWelfare.Bench.Results;

// dotnet run --project bench -c Release -- --pg "Host=…" [--quick] [--updates N] [--concurrency N] [--reads 1k,10k,100k] [--out DIR]
// (bench.sh starts a throwaway PostgreSQL and passes --pg.)
var options = BenchOptions.Parse(args);
var results = await BenchmarkRun.RunAsync(options, line => Console.WriteLine(line));
Console.WriteLine();
Console.WriteLine(ResultWriter.Markdown(results));
var (json, markdown) = ResultWriter.Write(results, options.Output);
Console.WriteLine($"Results: {json} and {markdown}");
return results.Correct ? 0 : 1;
