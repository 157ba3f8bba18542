using Npgsql;

namespace CloudFilm.Api.Messaging;

/// <summary>
/// The development gateway: messages go to the <c>sms_outbox</c> table and the log (with the number masked), not to
/// phones. Tests and developers read codes from the table.
/// </summary>
public sealed class OutboxSmsGateway(NpgsqlDataSource database, ILogger<OutboxSmsGateway> logger) : ISmsGateway
{
    public string Name => "outbox";

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("INSERT INTO sms_outbox (phone, body, purpose, gateway) VALUES (@phone, @body, @purpose, @gateway)");
        command.Parameters.AddWithValue("phone", message.Phone);
        command.Parameters.AddWithValue("body", message.Body);
        command.Parameters.AddWithValue("purpose", message.Purpose);
        command.Parameters.AddWithValue("gateway", Name);
        await command.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("SMS ({Purpose}) to {Phone} written to the outbox", message.Purpose, PhoneMask.Mask(message.Phone));
    }
}
