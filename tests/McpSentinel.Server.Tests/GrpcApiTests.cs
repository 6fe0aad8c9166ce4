using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using McpSentinel.Server.Api;
using McpSentinel.Server.Grpc.V1;
using McpSentinel.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>The gRPC service on its own HTTP/2 port, with a real Grpc.Net.Client channel.</summary>
[Trait("Category", "Integration")]
public sealed class GrpcApiTests
{
    private static TempTree VulnerableTree() => new TempTree()
        .WithFile("server.py", "import subprocess\n\ndef run(command):\n    return subprocess.check_output(command, shell=True)\n")
        .WithFile("more.py", "def evaluate(expression):\n    return eval(expression)\n");

    private static Uri GrpcAddress(RunningServer server) =>
        new(server.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).Single(a => a.Port != server.Address.Port).ToString());

    private static Grpc.V1.Scans.ScansClient Client(GrpcChannel channel) => new(channel);

    private static GrpcChannel Channel(Uri address, string? key) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Insecure,
        UnsafeUseInsecureChannelCallCredentials = true,
        HttpHandler = new SocketsHttpHandler(),
    }.WithKey(key));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SubmitScan_WatchScan_StreamsUntilCompleted_SameSummaryAsRest(string provider)
    {
        using var tree = VulnerableTree();
        await using var server = await RunningServer.StartAsync(provider, o => o with { AllowedRoots = [tree.Root], GrpcUrls = ["http://127.0.0.1:0"] });
        var address = GrpcAddress(server);
        using var analyst = Channel(address, await server.CreateKeyAsync("analyst"));
        using var viewer = Channel(address, await server.CreateKeyAsync("viewer"));

        var submitted = await Client(analyst).SubmitScanAsync(new SubmitScanRequest { Project = "grpc", Path = tree.Root });
        Assert.Equal("queued", submitted.Status);

        var seen = new List<Scan>();
        using var call = Client(viewer).WatchScan(new GetScanRequest { Id = submitted.Id });
        await foreach (var update in call.ResponseStream.ReadAllAsync()) seen.Add(update);
        Assert.NotEmpty(seen);
        Assert.Equal("completed", seen[^1].Status);
        Assert.Equal(100, seen[^1].Percent);
        // states only move forward, and each update differs from the one before
        var order = new[] { "queued", "running", "completed" };
        Assert.Equal(seen.Select(s => Array.IndexOf(order, s.Status)).Order(), seen.Select(s => Array.IndexOf(order, s.Status)));
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.False(p.First.Status == p.Second.Status && p.First.FilesDone == p.Second.FilesDone && p.First.FilesTotal == p.Second.FilesTotal));

        var rest = (await server.Viewer.GetFromJsonAsync<ScanDto>($"/api/v1/scans/{submitted.Id}"))!;
        Assert.True(rest.Summary!.Total >= 2);
        Assert.Equal(rest.Summary.Total, seen[^1].Summary.Total);
        Assert.Equal(rest.Summary.Critical, (await Client(viewer).GetScanAsync(new GetScanRequest { Id = submitted.Id })).Summary.Critical);
    }

    [Fact]
    public async Task Calls_WithoutKeyWrongRoleOrBadInput_FailWithTheirStatus()
    {
        using var allowed = VulnerableTree();
        using var outside = VulnerableTree();
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { AllowedRoots = [allowed.Root], GrpcUrls = ["http://127.0.0.1:0"] });
        var address = GrpcAddress(server);
        using var anonymous = Channel(address, null);
        using var viewer = Channel(address, await server.CreateKeyAsync("viewer"));
        using var analyst = Channel(address, await server.CreateKeyAsync("analyst"));

        async Task<StatusCode> Fails(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

        Assert.Equal(StatusCode.Unauthenticated, await Fails(() => Client(anonymous).GetScanAsync(new GetScanRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await Fails(() => Client(viewer).SubmitScanAsync(new SubmitScanRequest { Project = "p", Path = allowed.Root }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await Fails(() => Client(analyst).SubmitScanAsync(new SubmitScanRequest { Project = "p", Path = outside.Root }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Fails(() => Client(analyst).SubmitScanAsync(new SubmitScanRequest { Project = "p" }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Fails(() => Client(analyst).SubmitScanAsync(new SubmitScanRequest { Project = "p", Archive = Google.Protobuf.ByteString.CopyFromUtf8("not an archive") }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await Fails(() => Client(viewer).GetScanAsync(new GetScanRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await Fails(() => Client(viewer).GetScanAsync(new GetScanRequest { Id = "../etc" }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await Fails(async () =>
        {
            using var call = Client(viewer).WatchScan(new GetScanRequest { Id = Guid.NewGuid().ToString() });
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        }));
        Assert.Equal(0, (await server.Viewer.GetFromJsonAsync<PageDto<ScanDto>>("/api/v1/scans"))!.Total);
    }
}

internal static class GrpcChannelOptionsExtensions
{
    /// <summary>Sends the API key as the x-api-key metadata entry on every call.</summary>
    public static GrpcChannelOptions WithKey(this GrpcChannelOptions options, string? key)
    {
        if (key is null) return options;
        options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-api-key", key);
            return Task.CompletedTask;
        }));
        return options;
    }
}
