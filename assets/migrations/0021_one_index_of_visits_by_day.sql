-- kam schema, version 21: visits by day kept in one index, not two.
--
-- Why: `activity_visit_by_day` (the day of each visit) is the first column
-- of `activity_visit_day_account` (the day and account of each visit),
-- under the same condition, so every count of visits in a period reads
-- the second as fast. Each visit logged wrote both; the demo at scale L
-- built both (0.3 s for the first).
DROP INDEX activity_visit_by_day;
