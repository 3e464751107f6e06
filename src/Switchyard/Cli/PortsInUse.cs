using System.Net;
using System.Net.Sockets;

namespace Switchyard.Cli;

/// <summary>
/// Checks, before anything starts, that the ports <c>serve</c> needs are free, so that when both are taken the
/// message names both instead of only the first one tried.
/// </summary>
internal static class PortsInUse
{
    public static string? Describe(string bindAddress, int port, bool withSandbox, int? httpsPort = null)
    {
        var busy = new List<string>();
        if (httpsPort is > 0 && !IsFree(IPAddress.Parse(bindAddress), httpsPort.Value))
        {
            busy.Add($"port {httpsPort} (--https-port, the HTTPS listener)");
        }

        if (port == 0)
        {
            return Sentence(busy);
        }

        if (!IsFree(IPAddress.Parse(bindAddress), port))
        {
            busy.Insert(0, $"port {port} (--port, the Events API)");
        }

        // The sandbox always listens on loopback (see ServeCommand).
        if (withSandbox && port < IPEndPoint.MaxPort && !IsFree(IPAddress.Loopback, port + 1))
        {
            busy.Add($"port {port + 1} (--port + 1, the Braze sandbox)");
        }

        return Sentence(busy);
    }

    private static string? Sentence(List<string> busy) => busy.Count switch
    {
        0 => null,
        1 => $"{busy[0]} is in use; stop what uses it or choose another port.",
        _ => $"{string.Join(" and ", busy)} are in use; stop what uses them or choose other ports.",
    };

    private static bool IsFree(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }
}
