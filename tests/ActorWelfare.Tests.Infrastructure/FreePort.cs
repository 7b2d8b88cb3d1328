using System.Net;
using System.Net.Sockets;

namespace ActorWelfare.Tests.Infrastructure;

public static class FreePort
{
    private static readonly HashSet<int> Issued = [];

    /// <summary>
    /// A loopback port nobody listens on right now (the OS picks it), never the same twice in a test
    /// run: the probe closes at once, so the OS would otherwise hand the same port out again.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Issued)
                if (Issued.Add(port)) return port;
        }
    }
}
