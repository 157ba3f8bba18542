using System.Threading.Channels;

namespace CloudFilm.Dicom.Network.Dimse;

/// <summary>
/// Delivers DIMSE responses to the operation waiting for them, matched by Message ID Being Responded To
/// (PS3.7 9.3). Several operations can be outstanding at once within the asynchronous operations window.
/// </summary>
internal sealed class ResponseRouter
{
    private readonly Dictionary<ushort, Channel<DimseResponse>> _waiting = [];
    private readonly Lock _gate = new();
    private Exception? _failure;

    public ChannelReader<DimseResponse> Register(ushort messageId)
    {
        var channel = Channel.CreateUnbounded<DimseResponse>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            if (_failure is not null)
            {
                channel.Writer.TryComplete(_failure);
            }
            else if (!_waiting.TryAdd(messageId, channel))
            {
                throw new InvalidOperationException($"message id {messageId} already outstanding");
            }
        }

        return channel.Reader;
    }

    public void Unregister(ushort messageId)
    {
        lock (_gate)
        {
            _waiting.Remove(messageId);
        }
    }

    /// <summary>False when nobody waits for this response (a peer bug or a late answer after a timeout).</summary>
    public bool Deliver(DimseResponse response)
    {
        lock (_gate)
        {
            return _waiting.TryGetValue(response.Command.MessageIdBeingRespondedTo, out var channel)
                && channel.Writer.TryWrite(response);
        }
    }

    /// <summary>Fails every waiting operation and any registered later: the association is gone.</summary>
    public void FailAll(Exception failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
            foreach (var channel in _waiting.Values)
            {
                channel.Writer.TryComplete(failure);
            }

            _waiting.Clear();
        }
    }
}
