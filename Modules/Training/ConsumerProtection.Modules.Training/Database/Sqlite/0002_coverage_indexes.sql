-- The coverage report reads this year's new hires first, then their records (Coverage/CoverageQuery.cs).
CREATE INDEX ix_staff_hire ON staff (hire_date, staff_id);
