using System.Net;
using ActorWelfare.Telemetry;
using Xunit;

namespace ActorWelfare.Tests.Telemetry;

/// <summary>/metrics answers the installation's own networks only: a request from the internet (through the proxy) is refused.</summary>
public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.9", true)]
    [InlineData("172.31.255.1", true)]
    [InlineData("192.168.1.20", true)]
    [InlineData("::ffff:10.0.0.5", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2001:db8::1", false)]
    public void Private_addresses_only(string address, bool allowed) =>
        Assert.Equal(allowed, TelemetrySetup.IsPrivate(IPAddress.Parse(address)));
}
