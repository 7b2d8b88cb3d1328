using ActorWelfare.Silo.Database;
using ActorWelfare.Silo.Hosting;

if (args is [ActorWelfare.Silo.Access.ClusterCertificates.Command, var folder, .. var keyFolder])
    return ActorWelfare.Silo.Access.ClusterCertificates.Run(folder, keyFolder.FirstOrDefault(), Console.Out);
// --migrate: apply the migrations as the tables' owner and exit (a one-shot job; the silos then run with their own login).
if (args is ["--migrate", .. var rest])
    return await SchemaMigrator.MigrateAndExitAsync(Host.CreateApplicationBuilder(rest).Configuration);

await (await SiloApp.BuildAsync(args)).RunAsync();
return 0;
