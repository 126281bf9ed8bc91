-- The survey's answers as the results views group them (data contract, "Surveys"): one row per
-- respondent and construct answered, with their answers counted (see schema.ts).
CREATE OR REPLACE VIEW survey_scored AS
SELECT * FROM survey_construct_answers;

-- The waves held, in the order they were first loaded.
CREATE OR REPLACE VIEW survey_wave_list AS
SELECT coalesce(wave, '') AS wave, min(wave_order) AS wave_order, count(*) AS respondents
FROM survey_responses
GROUP BY coalesce(wave, '');

-- Tier 2 and 3 coverage of each school from the gap model: the seats for students who need more
-- than universal supports, against how many need them. Empty where no one needs them.
CREATE OR REPLACE VIEW survey_school_coverage AS
SELECT s._row AS school_order, s.school_id, s.school_name,
       sum(g.capacity) FILTER (WHERE g.tier IN (2, 3)) AS capacity,
       sum(g.need) FILTER (WHERE g.tier IN (2, 3)) AS need,
       sum(g.capacity) FILTER (WHERE g.tier IN (2, 3)) / nullif(sum(g.need) FILTER (WHERE g.tier IN (2, 3)), 0) AS coverage
FROM schools s
JOIN tier_gaps g ON g.school_id = s.school_id
GROUP BY s._row, s.school_id, s.school_name;
