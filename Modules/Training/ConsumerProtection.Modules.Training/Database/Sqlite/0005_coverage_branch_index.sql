-- The grouped Year report by branch (Coverage/CoverageQuery.Grouped.cs, plan 6 art. 39) reads the staff in branch order
-- with every column it judges by, so SQLite scans this index alone (no table row per staff member, no sort for GROUP BY).
CREATE INDEX ix_staff_branch_coverage ON staff (branch_id, hire_date, leave_date, staff_id, role_category, position, department);
