-- History imported from another system: when it was imported and the source system's id (one complaint per id, so a
-- file imported twice adds nothing).
ALTER TABLE complaint ADD COLUMN imported_at TEXT NULL;
ALTER TABLE complaint ADD COLUMN import_source_id TEXT NULL;
CREATE UNIQUE INDEX ux_complaint_import_source ON complaint (import_source_id) WHERE import_source_id IS NOT NULL;
