-- Which module schemas this installation holds: at start-up a recorded schema whose file is missing is damage
-- (refuse to start), an unrecorded one is a module added by an upgrade (install it).
CREATE TABLE installed_schema (
    schema_name  TEXT NOT NULL PRIMARY KEY,
    installed_at TEXT NOT NULL
);
