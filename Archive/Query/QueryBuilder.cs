using Npgsql;

namespace CloudFilm.Archive.Query;

/// <summary>Collects WHERE conditions with their bound parameters.</summary>
internal sealed class QueryBuilder
{
    private readonly List<string> _conditions = [];
    private readonly List<NpgsqlParameter> _parameters = [];

    public string Where => _conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _conditions);

    public string Bind(object value)
    {
        var name = "p" + _parameters.Count;
        _parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public void Add(string condition) => _conditions.Add(condition);

    /// <summary>Single value or wildcard matching on a text column; upper-cased when the column holds upper case.</summary>
    public void Text(string column, string? value, bool upperCase = false)
    {
        if (string.IsNullOrEmpty(value) || value == "*")
        {
            return;
        }
        if (upperCase)
        {
            value = value.ToUpperInvariant();
        }
        Add(MatchingRules.IsWildcard(value) ? $"{column} LIKE {Bind(MatchingRules.ToLikePattern(value))}" : $"{column} = {Bind(value)}");
    }

    public void UidList(string column, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        var uids = MatchingRules.UidList(value);
        Add(uids.Length == 1 ? $"{column} = {Bind(uids[0])}" : $"{column} = ANY({Bind(uids)})");
    }

    public void DateRange(string column, string? value)
    {
        if (string.IsNullOrEmpty(value) || !MatchingRules.TryParseDateRange(value, out var from, out var to))
        {
            return;
        }
        if (from is not null && from == to)
        {
            Add($"{column} = {Bind(from.Value)}");
            return;
        }
        if (from is not null)
        {
            Add($"{column} >= {Bind(from.Value)}");
        }
        if (to is not null)
        {
            Add($"{column} <= {Bind(to.Value)}");
        }
    }

    /// <summary>
    /// A time or time range (C.2.2.2.5) on a text column holding HHMMSS[.FFFFFF] as received: "0800-1200", "-1200",
    /// "0800-"; compared as six digits (a bound "08" is 080000, an upper bound "12" is 125959).
    /// </summary>
    public void TimeRange(string column, string? value)
    {
        if (string.IsNullOrEmpty(value) || !MatchingRules.TryParseTimeRange(value, out var from, out var to))
        {
            return;
        }
        var time = $"rpad(split_part({column}, '.', 1), 6, '0')";
        if (from is not null)
        {
            Add($"{column} <> '' AND {time} >= {Bind(from)}");
        }
        if (to is not null)
        {
            Add($"{column} <> '' AND {time} <= {Bind(to)}");
        }
    }

    /// <summary>" LIMIT @n OFFSET @m" for a page of matches.</summary>
    public string Page(QueryWindow window) =>
        window.Offset > 0 ? $" LIMIT {Bind(window.Limit)} OFFSET {Bind(window.Offset)}" : $" LIMIT {Bind(window.Limit)}";

    public NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(_parameters.ToArray());
        return command;
    }
}
