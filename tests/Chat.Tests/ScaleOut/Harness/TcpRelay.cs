using System.Net;
using System.Net.Sockets;

namespace Chat.Tests.ScaleOut.Harness;

/// <summary>
/// A loopback TCP relay in front of a server, so a test can cut a client's network: while cut,
/// bytes stop flowing both ways (nothing is closed, as when a cable is pulled); when restored,
/// the stale connections are dropped and new ones go through.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<(TcpClient Client, TcpClient Server)> pairs = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Func<Uri> target;
    private volatile bool cut;

    public TcpRelay(Func<Uri> target)
    {
        this.target = target;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    public void Cut() => cut = true;

    public void Restore()
    {
        List<(TcpClient Client, TcpClient Server)> stale;
        lock (gate)
        {
            stale = [.. pairs];
            pairs.Clear();
            cut = false;
        }

        // New connections (a client reconnects at once) go through from here; the stale ones are dropped.
        foreach (var (client, server) in stale)
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (gate)
            {
                if (cut)
                {
                    pairs.Add((client, new TcpClient()));
                    continue;
                }
            }

            var server = new TcpClient();
            try
            {
                var uri = target();
                await server.ConnectAsync(uri.Host, uri.Port, stopping.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (gate)
            {
                pairs.Add((client, server));
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, stopping.Token);
                if (read == 0)
                {
                    break;
                }

                while (cut)
                {
                    await Task.Delay(50, stopping.Token);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The other side went away or the relay was restored: the pair is over.
        }

        from.Dispose();
        to.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Restore();
        stopping.Dispose();
    }
}
