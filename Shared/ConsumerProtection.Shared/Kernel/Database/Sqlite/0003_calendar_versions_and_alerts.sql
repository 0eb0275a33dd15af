-- Where each calendar day came from: Shipped (an embedded State Council schedule), Office (the office's own list for
-- the year, entered or imported) or Local (a single local day the bank added; kept when the national schedule changes).
ALTER TABLE calendar_day ADD COLUMN origin TEXT NOT NULL DEFAULT 'Office';

-- One row per year that has ever been set: its version (bumped on every change) and whose schedule it is.
CREATE TABLE calendar_year (
    year             INTEGER NOT NULL PRIMARY KEY,
    version          INTEGER NOT NULL,
    origin           TEXT    NOT NULL,
    source           TEXT    NOT NULL,
    shipped_revision INTEGER NULL,
    changed_at       TEXT    NULL,
    changed_by       TEXT    NOT NULL
);

-- Years entered before versions existed are the office's own.
INSERT INTO calendar_year (year, version, origin, source, shipped_revision, changed_at, changed_by)
SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER), 1, 'Office', 'entered before calendar versions', NULL, NULL, 'migration'
FROM calendar_day;

-- Operational alerts any module may raise; alert_key names the condition, so one is open per condition at a time.
CREATE TABLE operational_alert (
    id              TEXT NOT NULL PRIMARY KEY,
    alert_key       TEXT NOT NULL,
    code            TEXT NOT NULL,
    severity        TEXT NOT NULL,
    message         TEXT NOT NULL,
    raised_at       TEXT NOT NULL,
    acknowledged_at TEXT NULL,
    acknowledged_by TEXT NULL,
    resolved_at     TEXT NULL
);
CREATE UNIQUE INDEX ux_operational_alert_open ON operational_alert (alert_key) WHERE resolved_at IS NULL;
CREATE INDEX ix_operational_alert_raised ON operational_alert (raised_at);
