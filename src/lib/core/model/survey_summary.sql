-- Family survey by school and construct (data contract, "Surveys"). n counts respondents who
-- answered at least one item of the construct; % favourable and the mean are over all
-- non-missing answers (counted per respondent in survey_construct_answers), and are withheld where
-- survey_withheld(n), the one suppression rule (survey/suppression.ts).
-- With several waves loaded, this is the latest wave (the last one first loaded): the same
-- families answer each wave, and pooling waves would count them twice. A file with one wave
-- (the command line's case) gives exactly the contract's summary.
CREATE OR REPLACE VIEW survey_summary AS
WITH scored AS (
  SELECT school_id, construct, construct_order,
         count(*) AS n,
         100.0 * sum(favorable)::BIGINT / sum(answered)::BIGINT AS pct_favorable,
         sum(total)::DOUBLE / sum(answered)::BIGINT AS mean
  FROM survey_construct_answers
  WHERE wave_order = (SELECT max(wave_order) FROM survey_responses)
  GROUP BY school_id, construct, construct_order
)
SELECT s._row AS school_order, sc.school_id, s.school_name, sc.construct, sc.construct_order, sc.n,
       CASE WHEN survey_withheld(sc.n) THEN NULL ELSE sc.pct_favorable END AS pct_favorable,
       CASE WHEN survey_withheld(sc.n) THEN NULL ELSE sc.mean END AS mean,
       survey_withheld(sc.n) AS suppressed
FROM scored sc
JOIN schools s ON s.school_id = sc.school_id;
