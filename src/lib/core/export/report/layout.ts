/**
 * The report as one layout: headings, notes, tables and charts, with every word and figure
 * decided here, once. The HTML and DOCX renderers only draw these blocks, so the two files read
 * the same and a table cannot differ between them.
 */
import { PARTNERSHIP_ELEMENTS, type Priority } from '../../plan/types';
import {
  constructLabel,
  count,
  describeChanges,
  districtTitle,
  favorableAnswersText,
  FILE_KIND_LABELS,
  fteAligned,
  levelLabel,
  money,
  NONE,
  notReportedNote,
  percentText,
  providerTypeLabel,
  roleLabel,
  roleStandard,
  runningTitle,
  scaleMean,
  scaleRangeText,
  schoolNamer,
  serviceLabel,
  shareText,
  signed,
  staffingFigures,
  standardRatio,
  tierName,
  wholeDistrict,
  withheld,
  yesNo
} from '../../present';
import type { ChartTier } from './chart';
import type { Report, SchoolReport, SurveyCell } from './model';

export const KICKER = 'Mental health gap report for the school improvement plan';

export interface Cell {
  text: string;
  /** A school's ID beside its name, set apart from it. */
  id?: string;
  /** The model says this row has a gap (or a role below its standard). */
  gap?: boolean;
  /** A withheld survey result, or where one would be. */
  withheld?: boolean;
}

export interface Column {
  label: string;
  /** Relative width, for renderers that fix widths. */
  width: number;
  num?: boolean;
  /** A name column (provider): kept wide enough not to wrap every word. */
  name?: boolean;
}

export interface TableBlock {
  kind: 'table';
  columns: Column[];
  /** Header cells above the columns, left to right; an empty label stands over row headers. */
  groups?: { label: string; span: number }[];
  rows: Cell[][];
  caption?: string;
  /** Too wide for a portrait page: a column per tier or role field, the first column names the row. */
  wide?: boolean;
  /** A short settings table: no wider than it needs. */
  compact?: boolean;
  /** Many columns: a smaller type. */
  dense?: boolean;
}

export type Block =
  | { kind: 'title'; kicker: string; title: string; lines: string[] }
  /** A level 1 heading starts a part of the report; `newPage` starts it on a page of its own. */
  | { kind: 'heading'; level: 1 | 2; text: string; id?: string; newPage?: boolean }
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'bullets'; items: string[] }
  | TableBlock
  | { kind: 'chart'; tiers: ChartTier[]; title: string; note: string }
  /** One labelled record: a priority with its fields. */
  | { kind: 'card'; title: string; subtitle: string; fields: [label: string, value: string][] };

export interface ReportLayout {
  /** The document's title, as a browser tab or Word names it. */
  title: string;
  runningTitle: string;
  made: string;
  blocks: Block[];
}

const cell = (text: string, emphasis: Omit<Cell, 'text'> = {}): Cell => ({ text, ...emphasis });
const part = (text: string, id: string, newPage = false): Block => ({ kind: 'heading', level: 1, text, id, newPage });
const note = (text: string): Block => ({ kind: 'paragraph', text, note: true });
const chart = (tiers: ChartTier[], title: string): Block => ({
  kind: 'chart',
  tiers,
  title,
  note: 'Bars compare need with capacity within a tier; each tier has its own scale.'
});

function madeLine(report: Report): string {
  const files = report.district.inputs.map((f) => f.file_name);
  return `Made ${report.district.made}${files.length ? ` from ${files.join(', ')}` : ''}`;
}

const schoolCell = (s: SchoolReport): Cell => ({ text: s.school_name, id: s.school_id });

function tierTable(report: Report, school: SchoolReport): TableBlock {
  const rate = (t: number) => report.district.settings.tierRates.find((r) => r.tier === t)?.rate;
  return {
    kind: 'table',
    columns: [
      { label: 'Tier', width: 3 },
      { label: 'Need', width: 1.5, num: true },
      { label: 'Need from', width: 3 },
      { label: 'Capacity', width: 1.5, num: true },
      { label: 'Gap', width: 1.5, num: true },
      { label: 'Coverage', width: 1.5, num: true }
    ],
    rows: school.tiers.map((t) => [
      cell(tierName(t.tier)),
      cell(count(t.need)),
      cell(t.need_source === 'screening' ? 'screening count' : `${shareText(rate(t.tier))} of enrollment`),
      cell(count(t.capacity)),
      cell(count(t.gap), { gap: t.has_gap }),
      cell(shareText(t.coverage))
    ])
  };
}

function staffingTable(school: SchoolReport): TableBlock {
  return {
    kind: 'table',
    columns: [
      { label: 'Role', width: 3 },
      { label: 'FTE', width: 1.2, num: true },
      { label: 'Students per FTE', width: 1.6, num: true },
      { label: 'Recommended students per FTE', width: 2.2, num: true },
      { label: 'FTE needed', width: 1.4, num: true },
      { label: 'FTE gap', width: 1.2, num: true }
    ],
    rows: school.staffing.map((s) => {
      const [fteText, perFte, gapText] = staffingFigures(s);
      return [
        cell(roleLabel(s.role)),
        cell(fteText),
        cell(perFte),
        cell(count(s.recommended_ratio)),
        cell(fteAligned(s.fte_needed)),
        cell(gapText, { gap: !!s.below_standard })
      ];
    })
  };
}

/** A survey cell's % favorable; a withheld cell holds no figure, only the threshold. */
function surveyFigure(c: SurveyCell | undefined, threshold: number): Cell {
  if (!c) return cell(NONE);
  return c.suppressed ? cell(withheld(threshold), { withheld: true }) : cell(percentText(c.pct_favorable));
}

function about(report: Report): Block[] {
  const { made, inputs, notes, settings } = report.district;
  const threshold = settings.suppressionThreshold;
  return [
    part('How this report was made', 'about', true),
    {
      kind: 'paragraph',
      text: `Made ${made} by Continuum from the files below. Need for a tier is the school's screening count where one was loaded, otherwise enrollment × the tier's rate. Capacity is the students a year the school's services of that tier can serve, plus its share of district-wide services (shared in proportion to need). Gap is need minus capacity where positive; coverage is capacity ÷ need.`
    },
    {
      kind: 'table',
      caption: 'Input files',
      compact: true,
      columns: [
        { label: 'Input', width: 2 },
        { label: 'File', width: 6 },
        { label: 'Rows', width: 1, num: true },
        { label: 'Loaded', width: 2 }
      ],
      rows: inputs.map((f) => [cell(FILE_KIND_LABELS[f.kind] ?? f.kind), cell(f.file_name), cell(count(f.rows)), cell(f.loaded_at)])
    },
    ...(notes.length
      ? [
          {
            kind: 'table' as const,
            caption: 'What the files left out or did not report',
            compact: true,
            columns: [
              { label: 'File', width: 3 },
              { label: 'Row', width: 0.8, num: true },
              { label: 'Note', width: 8 }
            ],
            rows: notes.map((n) => [cell(n.file_name), cell(String(n.row)), cell(n.column ? `${n.column}: ${n.message}` : n.message)])
          }
        ]
      : []),
    {
      kind: 'table',
      caption: 'Recommended ratios',
      compact: true,
      columns: [
        { label: 'Role', width: 3 },
        { label: 'Recommended students per FTE', width: 2, num: true },
        { label: 'Standard', width: 3 }
      ],
      rows: settings.ratios.map((r) => {
        const standard = roleStandard(r.role);
        const recommended = standardRatio(r.role);
        const source = !standard ? '' : recommended === r.ratio ? standard : `changed (${standard}: ${count(recommended)})`;
        return [cell(roleLabel(r.role)), cell(count(r.ratio)), cell(source)];
      })
    },
    {
      kind: 'table',
      caption: 'Tier rates',
      compact: true,
      columns: [
        { label: 'Tier', width: 3 },
        { label: 'Share of enrollment in need where no screening count exists', width: 5, num: true }
      ],
      rows: settings.tierRates.map((t) => [cell(tierName(t.tier)), cell(shareText(t.rate))])
    },
    {
      kind: 'paragraph',
      text: `Survey results for fewer than ${threshold} respondents are withheld and shown as ${withheld(threshold)}, so that no family's answers can be singled out.`
    }
  ];
}

function scenario(report: Report): Block[] {
  const scenario = report.scenario;
  if (!scenario) return [];
  const changes = describeChanges(scenario.changes, schoolNamer(report.schools));
  return [
    part(`Scenario: ${scenario.name}`, 'scenario', true),
    { kind: 'heading', level: 2, text: 'Changes' },
    changes.length ? { kind: 'bullets', items: changes.map((c) => c.text) } : { kind: 'paragraph', text: 'No changes.' },
    chart(
      scenario.tiers.map((t) => ({ tier: t.tier, need: t.scenario_need, capacity: t.scenario_capacity })),
      `District need and capacity by tier in the scenario "${scenario.name}"`
    ),
    {
      kind: 'table',
      caption: 'District need and capacity, now and in the scenario',
      dense: true,
      columns: [
        { label: 'Tier', width: 3 },
        { label: 'Need', width: 2, num: true },
        ...['Capacity now', 'Capacity in scenario', 'Gap now', 'Gap in scenario', 'Change in gap', 'Coverage now', 'Coverage in scenario'].map(
          (label) => ({ label, width: 1.6, num: true })
        )
      ],
      rows: scenario.tiers.map((t) => [
        cell(tierName(t.tier)),
        cell(t.need === t.scenario_need ? count(t.need) : `${count(t.need)} → ${count(t.scenario_need)}`),
        cell(count(t.capacity)),
        cell(count(t.scenario_capacity)),
        cell(count(t.gap)),
        cell(count(t.scenario_gap)),
        cell(signed(t.scenario_gap - t.gap)),
        cell(shareText(t.coverage)),
        cell(shareText(t.scenario_coverage))
      ])
    },
    {
      kind: 'table',
      caption: 'Staffing, now and in the scenario',
      columns: [
        { label: 'Role', width: 3 },
        { label: 'FTE now', width: 1.5, num: true },
        { label: 'FTE in scenario', width: 1.5, num: true },
        { label: 'Schools meeting the ratio now', width: 2, num: true },
        { label: 'In scenario', width: 1.5, num: true },
        { label: 'Cost', width: 2, num: true }
      ],
      rows: scenario.staffing.map((s) => [
        cell(roleLabel(s.role)),
        cell(fteAligned(s.fte)),
        cell(fteAligned(s.scenario_fte)),
        cell(count(s.schools_meeting)),
        cell(count(s.scenario_schools_meeting)),
        cell(s.cost === null ? 'no salary set' : money(s.cost))
      ])
    }
  ];
}

/** The scenario's changes that touch one school; a move reads as one line in both schools' reports. */
function schoolScenario(report: Report, school: SchoolReport): Block[] {
  const scenario = report.scenario;
  if (!scenario) return [];
  const here = (i: number) => {
    const c = scenario.changes[i];
    return 'school_id' in c && c.school_id === school.school_id;
  };
  const changes = describeChanges(scenario.changes, schoolNamer(report.schools)).filter((c) => c.indices.some(here));
  if (!changes.length) return [];
  return [
    part(`Scenario: ${scenario.name}`, 'scenario'),
    { kind: 'paragraph', text: 'Changes at this school:' },
    { kind: 'bullets', items: changes.map((c) => c.text) }
  ];
}

const PRIORITY_FIELDS: [keyof Priority, string][] = [
  ['strategy', 'Strategy'],
  ['action_steps', 'Action steps'],
  ['person_responsible', 'Person responsible'],
  ['timeline', 'Timeline'],
  ['resources', 'Resources'],
  ['measure_of_success', 'Measure of success']
];

function priorities(report: Report, priorities: Priority[]): Block[] {
  if (!priorities.length) return [];
  const name = schoolNamer(report.schools);
  return [
    part('Priorities for the school improvement plan', 'priorities', true),
    note('Written as action steps for the school improvement plan, with a measurable outcome for each, so school and community providers share accountability for it.'),
    ...priorities.map(
      (p, i): Block => ({
        kind: 'card',
        title: `${i + 1}. ${p.goal || 'Goal not written yet'}`,
        subtitle: `${p.school_id === '*' ? wholeDistrict(report.district.name) : name(p.school_id)}${p.tier ? ` · ${tierName(p.tier)}` : ''}`,
        fields: PRIORITY_FIELDS.map(([key, label]) => [label, String(p[key] ?? '') || NONE])
      })
    )
  ];
}

function readiness(report: Report): Block[] {
  const readiness = report.readiness;
  if (!readiness) return [];
  return [
    part('Partnership readiness', 'readiness'),
    note('The six elements of an effective school–community partnership (NASP), as the team rated them.'),
    {
      kind: 'table',
      columns: [
        { label: 'Element', width: 5 },
        { label: 'Where we are', width: 2 },
        { label: 'Note', width: 5 }
      ],
      rows: PARTNERSHIP_ELEMENTS.map((e) => [cell(e.label), cell(readiness[e.id]?.level ?? 'not rated'), cell(readiness[e.id]?.note ?? '')])
    }
  ];
}

/** The district's report: totals, every school, providers, survey, and the plan when given. */
export function districtLayout(report: Report): ReportLayout {
  const { district } = report;
  const threshold = district.settings.suppressionThreshold;
  const title = districtTitle(district.name);
  const enrollment = report.schools.reduce((n, s) => n + s.enrollment, 0);
  const schools = count(report.schools.length);
  const tiers = report.tiers.map((t) => t.tier);
  const roles = district.settings.ratios.map((r) => r.role);

  // A school's own teams serve only it and are listed in its report; here each provider that
  // reaches more than one school, and every community provider, once.
  const shared = report.providers.filter((p) => p.provider_type !== 'school' || p.district_wide || p.schools > 1);
  const ownTeams = report.providers.length - shared.length;

  const blocks: Block[] = [
    { kind: 'title', kicker: KICKER, title, lines: [`${schools} schools · ${count(enrollment)} students`, madeLine(report)] },
    part('Need and capacity by tier', 'tiers'),
    chart(report.tiers, `${title}: need and capacity by tier`),
    {
      kind: 'table',
      columns: [
        { label: 'Tier', width: 3 },
        { label: 'Need', width: 1.5, num: true },
        { label: 'Capacity', width: 1.5, num: true },
        { label: 'Gap', width: 1.5, num: true },
        { label: 'Coverage', width: 1.5, num: true },
        { label: 'Schools with a gap', width: 2, num: true }
      ],
      rows: report.tiers.map((t) => [
        cell(tierName(t.tier)),
        cell(count(t.need)),
        cell(count(t.capacity)),
        cell(count(t.gap), { gap: t.schools_with_gap > 0 }),
        cell(shareText(t.coverage)),
        cell(`${count(t.schools_with_gap)} of ${schools}`)
      ])
    },
    part('School-employed staff against the recommended ratios', 'staffing'),
    {
      kind: 'table',
      columns: [
        { label: 'Role', width: 3 },
        { label: 'FTE', width: 1.2, num: true },
        { label: 'Students per FTE', width: 1.5, num: true },
        { label: 'Recommended ratio', width: 1.8, num: true },
        { label: 'FTE needed', width: 1.3, num: true },
        { label: 'FTE gap', width: 1.2, num: true },
        { label: 'Schools below the ratio', width: 1.8, num: true }
      ],
      rows: report.staffing.map((s) => [
        cell(roleLabel(s.role)),
        cell(fteAligned(s.fte)),
        cell(count(s.students_per_fte)),
        cell(count(s.recommended_ratio)),
        cell(fteAligned(s.fte_needed)),
        cell(fteAligned(s.fte_gap), { gap: s.schools_below_standard > 0 }),
        cell(count(s.schools_below_standard))
      ])
    },
    ...report.staffing.filter((s) => s.schools_not_reported > 0).map((s) => note(`${roleLabel(s.role)}: ${notReportedNote(s.schools_not_reported)}.`)),
    part('Need and capacity by school', 'school-gaps', true),
    note('Students by tier. Gaps are in bold; coverage is capacity ÷ need.'),
    {
      kind: 'table',
      wide: true,
      groups: [{ label: '', span: 1 }, ...tiers.map((t) => ({ label: tierName(t), span: 4 }))],
      columns: [{ label: 'School', width: 5 }, ...tiers.flatMap(() => ['Need', 'Capacity', 'Gap', 'Coverage'].map((label) => ({ label, width: 1.15, num: true })))],
      rows: report.schools.map((s) => [
        schoolCell(s),
        ...tiers.flatMap((n) => {
          const t = s.tiers.find((x) => x.tier === n);
          return t
            ? [cell(count(t.need)), cell(count(t.capacity)), cell(count(t.gap), { gap: t.has_gap }), cell(shareText(t.coverage))]
            : [cell(NONE), cell(''), cell(''), cell('')];
        })
      ])
    },
    part('Staffing by school', 'school-staffing', true),
    {
      kind: 'table',
      wide: true,
      groups: [{ label: '', span: 2 }, ...roles.map((r) => ({ label: roleLabel(r), span: 3 }))],
      columns: [
        { label: 'School', width: 5 },
        { label: 'Students', width: 1.1, num: true },
        ...roles.flatMap(() => [
          { label: 'FTE', width: 0.9, num: true },
          { label: 'Students / FTE', width: 1.1, num: true },
          { label: 'FTE gap', width: 0.9, num: true }
        ])
      ],
      rows: report.schools.map((s) => [
        schoolCell(s),
        cell(count(s.enrollment)),
        ...roles.flatMap((role) => {
          const r = s.staffing.find((x) => x.role === role);
          if (!r) return [cell(NONE), cell(''), cell('')];
          const [fteText, perFte, gapText] = staffingFigures(r);
          return [cell(fteText), cell(perFte), cell(gapText, { gap: !!r.below_standard })];
        })
      ])
    },
    part('Providers', 'providers', true),
    note('Community providers, and school providers that serve more than one school, with the services they offer and the students a year they can serve across the district.'),
    {
      kind: 'table',
      dense: true,
      columns: [
        { label: 'Provider', width: 3, name: true },
        { label: 'Type', width: 1.4 },
        { label: 'Services', width: 3 },
        { label: 'Tiers', width: 1 },
        { label: 'Schools', width: 1.3, num: true },
        { label: 'Students a year', width: 1.3, num: true },
        { label: 'Needs a diagnosis', width: 1.6 },
        { label: 'MOU in place', width: 1.8 }
      ],
      rows: shared.map((p) => [
        cell(p.provider),
        cell(providerTypeLabel(p.provider_type)),
        cell(p.services.split(';').map(serviceLabel).join(', ')),
        cell(p.tiers.replace(/;/g, ', ')),
        cell(p.district_wide ? (p.schools ? `all (${count(p.schools)} named)` : 'all') : count(p.schools)),
        cell(count(p.capacity)),
        cell(p.rows_requiring_diagnosis === 0 ? 'no' : p.rows_requiring_diagnosis === p.rows ? 'yes' : `${p.rows_requiring_diagnosis} of ${p.rows} services`),
        cell(
          p.provider_type !== 'community'
            ? NONE
            : p.rows_without_agreement === 0
              ? 'yes'
              : p.rows_without_agreement === p.rows
                ? 'no'
                : `missing for ${p.rows_without_agreement} of ${p.rows} services`
        )
      ])
    },
    ...(ownTeams ? [note(`Not listed: ${count(ownTeams)} school teams that serve only their own school; each school's report lists them.`)] : [])
  ];

  if (report.survey) {
    const constructs = report.survey.constructs;
    blocks.push(
      part('Family survey: % favorable by school', 'survey', true),
      note(
        `Share of answers that ${favorableAnswersText(report.survey.scales)}, by construct. Cells with fewer than ${threshold} respondents are withheld (${withheld(threshold)}); no district total is shown, because it could be used to work out a withheld school's result.`
      ),
      {
        kind: 'table',
        wide: true,
        columns: [
          { label: 'School', width: 5 },
          ...constructs.map((k) => ({ label: constructLabel(k), width: 1.3, num: true })),
          { label: 'Respondents (most in a construct)', width: 1.6, num: true }
        ],
        rows: report.schools.map((s) => {
          const answered = s.survey.flatMap((c) => (c.suppressed ? [] : [c.n]));
          return [
            schoolCell(s),
            ...constructs.map((k) => surveyFigure(s.survey.find((c) => c.construct === k), threshold)),
            answered.length
              ? cell(count(Math.max(...answered)))
              : cell(s.survey.length ? withheld(threshold) : NONE, { withheld: true })
          ];
        })
      }
    );
  }

  blocks.push(...scenario(report), ...priorities(report, report.priorities ?? []), ...readiness(report), ...about(report));
  return { title: `${title}: mental health gap report`, runningTitle: runningTitle(district.name), made: district.made, blocks };
}

/** One school's report, for its improvement plan. */
export function schoolLayout(report: Report, school: SchoolReport): ReportLayout {
  const { district } = report;
  const threshold = district.settings.suppressionThreshold;
  const meta = [school.school_id, levelLabel(school.level), `${count(school.enrollment)} students`, district.name].filter(Boolean).join(' · ');

  const blocks: Block[] = [
    { kind: 'title', kicker: KICKER, title: school.school_name, lines: [meta, madeLine(report)] },
    part('Need and capacity by tier', 'tiers'),
    chart(school.tiers, `${school.school_name}: need and capacity by tier`),
    tierTable(report, school),
    part('School-employed staff against the recommended ratios', 'staffing'),
    staffingTable(school),
    part('Providers serving this school', 'providers', true),
    note("The school's own services and district-wide ones. A district-wide service's students a year are this school's share of its capacity, in proportion to need."),
    school.providers.length
      ? {
          kind: 'table',
          dense: true,
          columns: [
            { label: 'Tier', width: 0.8 },
            { label: 'Provider', width: 3.2, name: true },
            { label: 'Type', width: 1.6 },
            { label: 'Service', width: 2 },
            { label: 'Students a year', width: 1.5, num: true },
            { label: 'Languages', width: 1.8 },
            { label: 'Needs a diagnosis', width: 1.6 },
            { label: 'MOU in place', width: 1.4 },
            { label: 'Funding', width: 2 }
          ],
          rows: school.providers.map((p) => [
            cell(String(p.tier)),
            cell(p.district_wide ? `${p.provider} (district-wide)` : p.provider),
            cell(providerTypeLabel(p.provider_type)),
            cell(serviceLabel(p.service)),
            cell(p.district_wide ? `${count(p.capacity)} of ${count(p.shared_from)}` : count(p.capacity)),
            cell(p.languages.replace(/;/g, ', ') || NONE),
            cell(yesNo(p.requires_diagnosis)),
            cell(p.provider_type === 'community' ? yesNo(p.agreement ?? false) : NONE),
            cell(p.funding ?? NONE)
          ])
        }
      : { kind: 'paragraph', text: 'No services are listed for this school.' }
  ];

  if (report.survey) {
    blocks.push(
      part('Family survey', 'survey'),
      note(
        `Respondents who answered at least one item; % favorable is the share of answers that ${favorableAnswersText(report.survey.scales)}; mean on ${scaleRangeText(report.survey.scales)}. Results for fewer than ${threshold} respondents are withheld.`
      ),
      {
        kind: 'table',
        columns: [
          { label: 'Construct', width: 3 },
          { label: 'Respondents', width: 2, num: true },
          { label: '% favorable', width: 2, num: true },
          { label: 'Mean (1–5)', width: 2, num: true }
        ],
        rows: report.survey.constructs.map((k) => {
          const c = school.survey.find((x) => x.construct === k);
          const label = cell(constructLabel(k));
          if (!c) return [label, cell('0'), cell(NONE), cell(NONE)];
          if (c.suppressed) return [label, cell(withheld(threshold), { withheld: true }), cell('withheld', { withheld: true }), cell('withheld', { withheld: true })];
          return [label, cell(count(c.n)), cell(percentText(c.pct_favorable)), cell(scaleMean(c.mean))];
        })
      }
    );
  }

  const forSchool = (report.priorities ?? []).filter((p) => p.school_id === school.school_id || p.school_id === '*');
  blocks.push(...schoolScenario(report, school), ...priorities(report, forSchool), ...readiness(report), ...about(report));
  return {
    title: `${school.school_name}: mental health gap report`,
    runningTitle: runningTitle(district.name, school.school_name),
    made: district.made,
    blocks
  };
}
