-- Family survey by school and construct (data contract, "Surveys"). n counts respondents who
-- answered at least one item of the construct; % favourable and the mean are over all
-- non-missing answers, and are withheld where n is under the suppression threshold.
-- With several waves loaded, this is the latest wave (the last one first loaded): the same
-- families answer each wave, and pooling waves would count them twice. A file with one wave
-- (the command line's case) gives exactly the contract's summary.
CREATE OR REPLACE VIEW survey_summary AS
WITH answered AS (
  SELECT r.school_id, i.construct, i.construct_order, a.respondent, a.value, i.favorable_from
  FROM survey_answers a
  JOIN survey_responses r ON r.respondent = a.respondent
  JOIN survey_items i ON i.item_id = a.item_id
  WHERE r.wave_order = (SELECT max(wave_order) FROM survey_responses)
),
scored AS (
  SELECT school_id, construct, construct_order,
         count(DISTINCT respondent) AS n,
         100.0 * count(*) FILTER (WHERE value >= favorable_from) / count(*) AS pct_favorable,
         avg(value) AS mean
  FROM answered
  GROUP BY school_id, construct, construct_order
)
SELECT s._row AS school_order, sc.school_id, s.school_name, sc.construct, sc.construct_order, sc.n,
       CASE WHEN sc.n < t.min_n THEN NULL ELSE sc.pct_favorable END AS pct_favorable,
       CASE WHEN sc.n < t.min_n THEN NULL ELSE sc.mean END AS mean,
       sc.n < t.min_n AS suppressed
FROM scored sc
JOIN schools s ON s.school_id = sc.school_id
CROSS JOIN settings_survey t;
