namespace CloudFilm.Database;

/// <summary>Where the system of record lives. Bound from <c>ConnectionStrings:Postgres</c>.</summary>
public static class DatabaseConfiguration
{
    public const string ConnectionStringName = "Postgres";
}
