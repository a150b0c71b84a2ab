using System.Net;
using System.Net.Sockets;
using Chat.Contracts;
using Chat.Server.Pipeline;

namespace Chat.Server.Webhooks;

/// <summary>
/// The SSRF guard: a webhook goes to an https URL on a public address. Loopback, link-local, private, unique-local,
/// multicast and unspecified addresses are refused (and plain http) unless <see cref="WebhookOptions.AllowPrivateAddresses"/>;
/// the check runs when a subscription is made and again on every connection, on the address actually dialled, so a
/// name that later resolves elsewhere (DNS rebinding) is refused too.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2000;

    public static async Task<Uri> CheckAsync(string? url, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Refused("The URL must be an absolute https URL, without user name or fragment.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowPrivate)
        {
            throw Refused("Webhooks are delivered over https only.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            throw Refused("The URL's host name does not resolve.");
        }

        if (addresses.Length == 0 || (!allowPrivate && addresses.Any(IsPrivate)))
        {
            throw Refused("The URL leads to a loopback, link-local or private address.");
        }

        return uri;
    }

    /// <summary>Addresses a webhook never reaches unless private addresses are allowed.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,
            169 => b[1] == 254,
            172 => b[1] is >= 16 and <= 31,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2),
            198 => b[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }

    /// <summary>
    /// The connection callback of the delivery client: resolves the host and dials only an address the guard allows.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} resolves to a loopback, link-local or private address; the webhook was not delivered.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static ChatException Refused(string message) =>
        new(ErrorCodes.WebhookUrlRefused, message, [new FieldError("url", ErrorCodes.WebhookUrlRefused, message)]);
}
