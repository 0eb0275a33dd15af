ALTER TABLE api_key ADD COLUMN department_id TEXT NULL;
