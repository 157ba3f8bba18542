-- The table the Orleans ADO.NET providers read their SQL from at start-up
-- (they run the unquoted "SELECT QueryKey, QueryText FROM OrleansQuery", so the name must be lowercase).
CREATE TABLE orleansquery (
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
