// The dashboard: Blazor Server pages, the API and the hub, an Orleans client of the cluster (DashboardApp).
await ActorWelfare.Dashboard.DashboardApp.Build(args).RunAsync();
