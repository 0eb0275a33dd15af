-- The grouped Year report by branch (Coverage/CoverageQuery.Grouped.cs, plan 6 art. 39) reads the staff in branch order
-- with every column it judges by, so the scan needs no lookup per staff member and no sort for GROUP BY.
CREATE INDEX [ix_staff_branch_coverage] ON [training].[staff] ([branch_id], [hire_date], [leave_date], [staff_id]) INCLUDE ([role_category], [position], [department]);
GO
