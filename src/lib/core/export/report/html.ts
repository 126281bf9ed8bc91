/**
 * The report as one self-contained HTML document: its own stylesheet (with a print stylesheet,
 * for "Save as PDF"), charts as inline SVG, no script, font or link to anything else, so it opens
 * and prints the same anywhere, offline. Every text from the data goes through `esc`.
 */
import { PARTNERSHIP_ELEMENTS, type Priority } from '../../plan/types';
import { CAPACITY_COLOUR, chartSvg, NEED_COLOUR } from './chart';
import { esc } from './markup';
import type { Report, ReportTier, SchoolReport, SurveyCell } from './model';
import {
  constructLabel,
  describeChange,
  districtTitle,
  runningTitle,
  wholeDistrict,
  FILE_KIND_LABELS,
  levelLabel,
  money,
  NONE,
  percent,
  providerTypeLabel,
  roleLabel,
  roleStandard,
  schoolNamer,
  serviceLabel,
  share,
  signed,
  tierName,
  twoDecimals,
  whole,
  withheld,
  yesNo
} from './text';

const KICKER = 'Mental health gap report for the school improvement plan';

/** A value for a CSS string in the <style> element, where HTML escapes do not apply. */
function cssString(text: string): string {
  // `\3c ` keeps `</style>` out; control characters would end the string.
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/</g, '\\3c ').replace(/[\u0000-\u001f\u007f]/g, ' ')}"`;
}

function style(runningTitle: string, made: string): string {
  return `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 "Liberation Sans", Arial, Helvetica, sans-serif; color: #222; margin: 0 auto; max-width: 62rem; padding: 1.5rem; background: #fff; }
header.title { border-bottom: 3px solid ${CAPACITY_COLOUR}; margin-bottom: 1rem; padding-bottom: .5rem; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 8.5pt; color: ${CAPACITY_COLOUR}; margin: 0; font-weight: bold; }
h1 { font-size: 20pt; margin: .15rem 0 .25rem; line-height: 1.2; }
h2 { font-size: 14pt; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #bbb; padding-bottom: 2pt; }
h3 { font-size: 11.5pt; margin: 1rem 0 .3rem; }
p { margin: .3rem 0 .5rem; }
.meta { color: #444; margin: 0; }
.note { color: #555; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: .3rem 0 .9rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 .2rem; }
th, td { border-bottom: 1px solid #ddd; padding: 3pt 5pt; text-align: left; vertical-align: top; }
thead th { background: #efeaf5; border-bottom: 1px solid #999; vertical-align: bottom; }
th.group { text-align: center; border-left: 2px solid #fff; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.start, th.start { border-left: 1px solid #bbb; }
table.wide { font-size: 8pt; }
table.compact { width: auto; min-width: 50%; }
td.name, th.name { min-width: 10rem; }
table.wide th, table.wide td { padding: 2pt 3pt; }
table.wide thead th { white-space: normal; }
table.wide tbody th { font-weight: normal; min-width: 12rem; }
.id { color: #666; font-size: .85em; white-space: nowrap; }
.has-gap { color: #9a4a00; font-weight: bold; }
.withheld { color: #555; font-style: italic; }
figure { margin: .4rem 0 .8rem; }
figure svg { width: 100%; max-width: 680px; height: auto; display: block; }
figcaption { font-size: 9pt; color: #555; }
.swatch { display: inline-block; width: .8em; height: .8em; vertical-align: -.05em; margin-right: .25em; }
.priority { border: 1px solid #ccc; border-left: 4px solid ${CAPACITY_COLOUR}; padding: .4rem .7rem; margin: .6rem 0; }
.priority h3 { margin-top: .2rem; }
.priority dl { display: grid; grid-template-columns: 11rem 1fr; gap: .15rem .8rem; margin: .2rem 0; }
.priority dt { font-weight: bold; }
.priority dd { margin: 0; white-space: pre-line; }
ul.changes { margin: .2rem 0 .8rem; padding-left: 1.2rem; }
@page {
  size: letter;
  margin: 18mm 14mm 16mm;
  @top-left { content: ${cssString(runningTitle)}; font: 8pt "Liberation Sans", Arial, sans-serif; color: #555; }
  @top-right { content: ${cssString(`Made ${made}`)}; font: 8pt "Liberation Sans", Arial, sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt "Liberation Sans", Arial, sans-serif; color: #555; }
}
@media print {
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  section.major { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure, .priority { break-inside: avoid; }
}`;
}

function page(title: string, runningTitle: string, made: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Continuum">
<title>${esc(title)}</title>
<style>${style(runningTitle, made)}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

interface Column {
  label: string;
  num?: boolean;
  /** A name column (provider, school): kept wide enough not to wrap every word. */
  name?: boolean;
}

interface Cell {
  text: string;
  num?: boolean;
  className?: string;
}

const cell = (text: string, num = false, className?: string): Cell => ({ text, num, className });
const numCell = (text: string, className?: string): Cell => cell(text, true, className);

function td(c: Cell, column?: Column): string {
  const classes = [c.num ? 'num' : '', column?.name ? 'name' : '', c.className ?? ''].filter(Boolean).join(' ');
  return `<td${classes ? ` class="${classes}"` : ''}>${esc(c.text)}</td>`;
}

function table(columns: Column[], rows: Cell[][], caption?: string, className?: string): string {
  const head = columns.map((c) => `<th scope="col"${c.num ? ' class="num"' : c.name ? ' class="name"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => td(c, columns[i])).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function legend(): string {
  return `<span class="swatch" style="background:${NEED_COLOUR}"></span>Need <span class="swatch" style="background:${CAPACITY_COLOUR}"></span>Capacity`;
}

function chartFigure(tiers: { tier: number; need: number; capacity: number }[], title: string): string {
  return `<figure>${chartSvg(tiers, title)}<figcaption>${legend()}. ${esc(title)}. Bars compare need with capacity within a tier; each tier has its own scale.</figcaption></figure>`;
}

const gapClass = (gap: number) => (gap > 0.5 ? 'has-gap' : undefined);

function tierRows(tiers: ReportTier[], settings: Report['district']['settings']): Cell[][] {
  const rate = (t: number) => settings.tierRates.find((r) => r.tier === t)?.rate;
  return tiers.map((t) => [
    cell(tierName(t.tier)),
    numCell(whole(t.need)),
    cell(t.need_source === 'screening' ? 'screening count' : `${share(rate(t.tier))} of enrollment`),
    numCell(whole(t.capacity)),
    numCell(whole(t.gap), gapClass(t.gap)),
    numCell(share(t.coverage))
  ]);
}

function surveyCellText(c: SurveyCell | undefined, threshold: number): Cell {
  if (!c) return numCell(NONE);
  if (c.suppressed) return numCell(withheld(threshold), 'withheld');
  return numCell(percent(c.pct_favorable));
}

function aboutSection(report: Report): string {
  const { district } = report;
  const files = table(
    [{ label: 'Input' }, { label: 'File' }, { label: 'Rows', num: true }, { label: 'Loaded' }],
    district.inputs.map((f) => [cell(FILE_KIND_LABELS[f.kind] ?? f.kind), cell(f.file_name), numCell(whole(f.rows)), cell(f.loaded_at)]),
    'Input files',
    'compact'
  );
  const ratios = table(
    [{ label: 'Role' }, { label: 'Recommended students per FTE', num: true }, { label: 'Standard' }],
    district.settings.ratios.map((r) => {
      const standard = roleStandard(r.role);
      const source = !standard ? '' : standard.ratio === r.ratio ? standard.standard : `changed (${standard.standard}: ${whole(standard.ratio)})`;
      return [cell(roleLabel(r.role)), numCell(whole(r.ratio)), cell(source)];
    }),
    'Recommended ratios',
    'compact'
  );
  const rates = table(
    [{ label: 'Tier' }, { label: 'Share of enrollment in need where no screening count exists', num: true }],
    district.settings.tierRates.map((t) => [cell(tierName(t.tier)), numCell(share(t.rate))]),
    'Tier rates',
    'compact'
  );
  return `<section class="major" id="about">
<h2>How this report was made</h2>
<p>Made ${esc(district.made)} by Continuum from the files below. Need for a tier is the school's screening count where one was loaded, otherwise enrollment × the tier's rate. Capacity is the students a year the school's services of that tier can serve, plus its share of district-wide services (shared in proportion to need). Gap is need minus capacity where positive; coverage is capacity ÷ need.</p>
${files}
${ratios}
${rates}
<p>Survey results for fewer than ${esc(district.settings.suppressionThreshold)} respondents are withheld and shown as <span class="withheld">${esc(withheld(district.settings.suppressionThreshold))}</span>, so that no family's answers can be singled out.</p>
</section>`;
}

function scenarioSection(report: Report): string {
  const scenario = report.scenario;
  if (!scenario) return '';
  const name = schoolNamer(report.schools);
  const changes = scenario.changes.length
    ? `<ul class="changes">${scenario.changes.map((c) => `<li>${esc(describeChange(c, name))}</li>`).join('')}</ul>`
    : '<p>No changes.</p>';
  const tiers = table(
    [
      { label: 'Tier' },
      { label: 'Need', num: true },
      { label: 'Capacity now', num: true },
      { label: 'Capacity in scenario', num: true },
      { label: 'Gap now', num: true },
      { label: 'Gap in scenario', num: true },
      { label: 'Change in gap', num: true },
      { label: 'Coverage now', num: true },
      { label: 'Coverage in scenario', num: true }
    ],
    scenario.tiers.map((t) => [
      cell(tierName(t.tier)),
      numCell(t.need === t.scenario_need ? whole(t.need) : `${whole(t.need)} → ${whole(t.scenario_need)}`),
      numCell(whole(t.capacity)),
      numCell(whole(t.scenario_capacity)),
      numCell(whole(t.gap)),
      numCell(whole(t.scenario_gap)),
      numCell(signed(t.scenario_gap - t.gap)),
      numCell(share(t.coverage)),
      numCell(share(t.scenario_coverage))
    ]),
    'District need and capacity, now and in the scenario'
  );
  const staffing = table(
    [
      { label: 'Role' },
      { label: 'FTE now', num: true },
      { label: 'FTE in scenario', num: true },
      { label: 'Schools meeting the ratio now', num: true },
      { label: 'In scenario', num: true },
      { label: 'Cost', num: true }
    ],
    scenario.staffing.map((s) => [
      cell(roleLabel(s.role)),
      numCell(twoDecimals(s.fte)),
      numCell(twoDecimals(s.scenario_fte)),
      numCell(whole(s.schools_meeting)),
      numCell(whole(s.scenario_schools_meeting)),
      numCell(s.cost === null ? 'no salary set' : money(s.cost))
    ]),
    'Staffing, now and in the scenario'
  );
  return `<section class="major" id="scenario">
<h2>Scenario: ${esc(scenario.name)}</h2>
<h3>Changes</h3>
${changes}
${chartFigure(
  scenario.tiers.map((t) => ({ tier: t.tier, need: t.scenario_need, capacity: t.scenario_capacity })),
  `District need and capacity by tier in the scenario "${scenario.name}"`
)}
${tiers}
${staffing}
</section>`;
}

function prioritySections(priorities: Priority[], report: Report, heading: string): string {
  if (!priorities.length) return '';
  const name = schoolNamer(report.schools);
  const fields: [keyof Priority, string][] = [
    ['strategy', 'Strategy'],
    ['action_steps', 'Action steps'],
    ['person_responsible', 'Person responsible'],
    ['timeline', 'Timeline'],
    ['resources', 'Resources'],
    ['measure_of_success', 'Measure of success']
  ];
  const blocks = priorities.map((p, i) => {
    const where = p.school_id === '*' ? wholeDistrict(report.district.name) : name(p.school_id);
    const tier = p.tier ? ` · ${tierName(p.tier)}` : '';
    const rows = fields.map(([key, label]) => `<dt>${esc(label)}</dt><dd>${esc(p[key] || NONE)}</dd>`).join('');
    return `<div class="priority"><h3>${i + 1}. ${esc(p.goal || 'Goal not written yet')}</h3><p class="meta">${esc(where)}${esc(tier)}</p><dl>${rows}</dl></div>`;
  });
  return `<section class="major" id="priorities">
<h2>${esc(heading)}</h2>
<p class="note">Written as action steps for the school improvement plan, with a measurable outcome for each, so school and community providers share accountability for it.</p>
${blocks.join('\n')}
</section>`;
}

function readinessSection(report: Report): string {
  if (!report.readiness) return '';
  const readiness = report.readiness;
  const rows = PARTNERSHIP_ELEMENTS.map((e) => {
    const r = readiness[e.id];
    return [cell(e.label), cell(r?.level ?? 'not rated'), cell(r?.note ?? '')];
  });
  return `<section id="readiness">
<h2>Partnership readiness</h2>
<p class="note">The six elements of an effective school–community partnership (NASP), as the team rated them.</p>
${table([{ label: 'Element' }, { label: 'Where we are' }, { label: 'Note' }], rows)}
</section>`;
}

function header(title: string, meta: string): string {
  return `<header class="title"><p class="kicker">${esc(KICKER)}</p><h1>${esc(title)}</h1><p class="meta">${meta}</p></header>`;
}

function inputsLine(report: Report): string {
  const files = report.district.inputs.map((f) => f.file_name);
  return files.length ? ` from ${esc(files.join(', '))}` : '';
}

/** The district's report: totals, every school, providers, survey, and the plan when given. */
export function districtHtml(report: Report): string {
  const { district } = report;
  const threshold = district.settings.suppressionThreshold;
  const enrollment = report.schools.reduce((n, s) => n + s.enrollment, 0);

  const tiersTable = table(
    [
      { label: 'Tier' },
      { label: 'Need', num: true },
      { label: 'Capacity', num: true },
      { label: 'Gap', num: true },
      { label: 'Coverage', num: true },
      { label: 'Schools with a gap', num: true }
    ],
    report.tiers.map((t) => [
      cell(tierName(t.tier)),
      numCell(whole(t.need)),
      numCell(whole(t.capacity)),
      numCell(whole(t.gap), gapClass(t.gap)),
      numCell(share(t.coverage)),
      numCell(`${whole(t.schools_with_gap)} of ${whole(report.schools.length)}`)
    ])
  );
  const staffingTable = table(
    [
      { label: 'Role' },
      { label: 'FTE', num: true },
      { label: 'Students per FTE', num: true },
      { label: 'Recommended ratio', num: true },
      { label: 'FTE needed', num: true },
      { label: 'FTE gap', num: true },
      { label: 'Schools below the ratio', num: true }
    ],
    report.staffing.map((s) => [
      cell(roleLabel(s.role)),
      numCell(twoDecimals(s.fte)),
      numCell(whole(s.students_per_fte)),
      numCell(whole(s.recommended_ratio)),
      numCell(twoDecimals(s.fte_needed)),
      numCell(twoDecimals(s.fte_gap), gapClass(s.fte_gap)),
      numCell(whole(s.schools_below_standard))
    ])
  );

  const tierNumbers = report.tiers.map((t) => t.tier);
  const schoolGaps = `<table class="wide"><thead>
<tr><th scope="col" rowspan="2">School</th>${tierNumbers.map((t) => `<th scope="colgroup" colspan="4" class="group start">${esc(tierName(t))}</th>`).join('')}</tr>
<tr>${tierNumbers.map(() => '<th scope="col" class="num start">Need</th><th scope="col" class="num">Capacity</th><th scope="col" class="num">Gap</th><th scope="col" class="num">Coverage</th>').join('')}</tr>
</thead>
<tbody>
${report.schools
  .map((s) => {
    const cells = tierNumbers
      .map((n) => {
        const t = s.tiers.find((x) => x.tier === n);
        if (!t) return `<td class="num start">${NONE}</td><td></td><td></td><td></td>`;
        return `<td class="num start">${esc(whole(t.need))}</td>${td(numCell(whole(t.capacity)))}${td(numCell(whole(t.gap), gapClass(t.gap)))}${td(numCell(share(t.coverage)))}`;
      })
      .join('');
    return `<tr><th scope="row">${esc(s.school_name)} <span class="id">${esc(s.school_id)}</span></th>${cells}</tr>`;
  })
  .join('\n')}
</tbody></table>`;

  const roles = district.settings.ratios.map((r) => r.role);
  const schoolStaffing = `<table class="wide"><thead>
<tr><th scope="col" rowspan="2">School</th><th scope="col" rowspan="2" class="num">Students</th>${roles.map((r) => `<th scope="colgroup" colspan="3" class="group start">${esc(roleLabel(r))}</th>`).join('')}</tr>
<tr>${roles.map(() => '<th scope="col" class="num start">FTE</th><th scope="col" class="num">Students / FTE</th><th scope="col" class="num">FTE gap</th>').join('')}</tr>
</thead>
<tbody>
${report.schools
  .map((s) => {
    const cells = roles
      .map((role) => {
        const r = s.staffing.find((x) => x.role === role);
        if (!r) return `<td class="num start">${NONE}</td><td></td><td></td>`;
        return `<td class="num start">${esc(twoDecimals(r.fte))}</td>${td(numCell(whole(r.students_per_fte)))}${td(numCell(twoDecimals(r.fte_gap), gapClass(r.fte_gap)))}`;
      })
      .join('');
    return `<tr><th scope="row">${esc(s.school_name)} <span class="id">${esc(s.school_id)}</span></th>${td(numCell(whole(s.enrollment)))}${cells}</tr>`;
  })
  .join('\n')}
</tbody></table>`;

  // A school's own teams serve only it and are listed in its report; here each provider that
  // reaches more than one school, and every community provider, once.
  const shared = report.providers.filter((p) => p.provider_type !== 'school' || p.district_wide || p.schools > 1);
  const ownTeams = report.providers.length - shared.length;
  const providers = table(
    [
      { label: 'Provider', name: true },
      { label: 'Type' },
      { label: 'Services' },
      { label: 'Tiers' },
      { label: 'Schools', num: true },
      { label: 'Students a year', num: true },
      { label: 'Needs a diagnosis' },
      { label: 'MOU in place' }
    ],
    shared.map((p) => [
      cell(p.provider),
      cell(providerTypeLabel(p.provider_type)),
      cell(p.services.split(';').map(serviceLabel).join(', ')),
      cell(p.tiers.replace(/;/g, ', ')),
      numCell(p.district_wide ? (p.schools ? `all (${whole(p.schools)} named)` : 'all') : whole(p.schools)),
      numCell(whole(p.capacity)),
      cell(p.rows_requiring_diagnosis === 0 ? 'no' : p.rows_requiring_diagnosis === p.rows ? 'yes' : `${p.rows_requiring_diagnosis} of ${p.rows} services`),
      cell(p.provider_type !== 'community' ? NONE : p.rows_without_agreement === 0 ? 'yes' : p.rows_without_agreement === p.rows ? 'no' : `missing for ${p.rows_without_agreement} of ${p.rows} services`)
    ]),
  );
  const ownTeamsNote = ownTeams
    ? `<p class="note">Not listed: ${esc(whole(ownTeams))} school teams that serve only their own school; each school's report lists them.</p>`
    : '';

  let survey = '';
  if (report.survey) {
    const constructs = report.survey.constructs;
    const rows = report.schools.map((s) => {
      const answered = s.survey.filter((c) => !c.suppressed);
      const most = answered.reduce((n, c) => Math.max(n, c.suppressed ? 0 : c.n), 0);
      return [
        cell(`${s.school_name} (${s.school_id})`),
        ...constructs.map((k) => surveyCellText(s.survey.find((c) => c.construct === k), threshold)),
        numCell(answered.length ? whole(most) : s.survey.length ? withheld(threshold) : NONE, answered.length ? undefined : 'withheld')
      ];
    });
    survey = `<section class="major" id="survey">
<h2>Family survey: % favorable by school</h2>
<p class="note">Share of answers that agree or strongly agree, by construct. Cells with fewer than ${esc(threshold)} respondents are withheld (${esc(withheld(threshold))}); no district total is shown, because it could be used to work out a withheld school's result.</p>
<table class="wide"><thead><tr><th scope="col">School</th>${constructs.map((k) => `<th scope="col" class="num">${esc(constructLabel(k))}</th>`).join('')}<th scope="col" class="num">Respondents (most in a construct)</th></tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((c) => td(c)).join('')}</tr>`).join('\n')}
</tbody></table>
</section>`;
  }

  const body = `${header(districtTitle(district.name), `${esc(whole(report.schools.length))} schools · ${esc(whole(enrollment))} students · made ${esc(district.made)}${inputsLine(report)}`)}
<main>
<section id="tiers">
<h2>Need and capacity by tier</h2>
${chartFigure(report.tiers, `${districtTitle(district.name)}: need and capacity by tier`)}
${tiersTable}
</section>
<section id="staffing">
<h2>School-employed staff against the recommended ratios</h2>
${staffingTable}
</section>
<section class="major" id="school-gaps">
<h2>Need and capacity by school</h2>
<p class="note">Students by tier. Gaps are in bold; coverage is capacity ÷ need.</p>
${schoolGaps}
</section>
<section class="major" id="school-staffing">
<h2>Staffing by school</h2>
${schoolStaffing}
</section>
<section class="major" id="providers">
<h2>Providers</h2>
<p class="note">Community providers, and school providers that serve more than one school, with the services they offer and the students a year they can serve across the district.</p>
${providers}
${ownTeamsNote}
</section>
${survey}
${scenarioSection(report)}
${prioritySections(report.priorities ?? [], report, 'Priorities for the school improvement plan')}
${readinessSection(report)}
${aboutSection(report)}
</main>`;
  return page(`${districtTitle(district.name)}: mental health gap report`, runningTitle(district.name), district.made, body);
}

/** One school's report, for its improvement plan. */
export function schoolHtml(report: Report, school: SchoolReport): string {
  const { district } = report;
  const threshold = district.settings.suppressionThreshold;
  const name = schoolNamer(report.schools);

  const tiersTable = table(
    [
      { label: 'Tier' },
      { label: 'Need', num: true },
      { label: 'Need from' },
      { label: 'Capacity', num: true },
      { label: 'Gap', num: true },
      { label: 'Coverage', num: true }
    ],
    tierRows(school.tiers, district.settings)
  );
  const staffingTable = table(
    [
      { label: 'Role' },
      { label: 'FTE', num: true },
      { label: 'Students per FTE', num: true },
      { label: 'Recommended students per FTE', num: true },
      { label: 'FTE needed', num: true },
      { label: 'FTE gap', num: true }
    ],
    school.staffing.map((s) => [
      cell(roleLabel(s.role)),
      numCell(twoDecimals(s.fte)),
      numCell(whole(s.students_per_fte)),
      numCell(whole(s.recommended_ratio)),
      numCell(twoDecimals(s.fte_needed)),
      numCell(twoDecimals(s.fte_gap), gapClass(s.fte_gap))
    ])
  );
  const providers = school.providers.length
    ? table(
        [
          { label: 'Tier' },
          { label: 'Provider', name: true },
          { label: 'Type' },
          { label: 'Service' },
          { label: 'Students a year', num: true },
          { label: 'Languages' },
          { label: 'Needs a diagnosis' },
          { label: 'MOU in place' },
          { label: 'Funding' }
        ],
        school.providers.map((p) => [
          cell(String(p.tier)),
          cell(p.district_wide ? `${p.provider} (district-wide)` : p.provider),
          cell(providerTypeLabel(p.provider_type)),
          cell(serviceLabel(p.service)),
          numCell(p.district_wide ? `${whole(p.capacity)} of ${whole(p.shared_from)}` : whole(p.capacity)),
          cell(p.languages.replace(/;/g, ', ') || NONE),
          cell(yesNo(p.requires_diagnosis)),
          cell(p.provider_type === 'community' ? yesNo(p.agreement ?? false) : NONE),
          cell(p.funding ?? NONE)
        ])
      )
    : '<p>No services are listed for this school.</p>';

  let survey = '';
  if (report.survey) {
    const rows = report.survey.constructs.map((k) => {
      const c = school.survey.find((x) => x.construct === k);
      if (!c) return [cell(constructLabel(k)), numCell('0'), numCell(NONE), numCell(NONE)];
      if (c.suppressed) return [cell(constructLabel(k)), numCell(withheld(threshold), 'withheld'), numCell('withheld', 'withheld'), numCell('withheld', 'withheld')];
      return [cell(constructLabel(k)), numCell(whole(c.n)), numCell(percent(c.pct_favorable)), numCell(twoDecimals(c.mean))];
    });
    survey = `<section id="survey">
<h2>Family survey</h2>
<p class="note">Respondents who answered at least one item; % favorable is the share of answers that agree or strongly agree; mean on a 1–5 scale. Results for fewer than ${esc(threshold)} respondents are withheld.</p>
${table([{ label: 'Construct' }, { label: 'Respondents', num: true }, { label: '% favorable', num: true }, { label: 'Mean (1–5)', num: true }], rows)}
</section>`;
  }

  const changes = (report.scenario?.changes ?? []).filter((c) => 'school_id' in c && c.school_id === school.school_id);
  const scenario =
    report.scenario && changes.length
      ? `<section id="scenario"><h2>Scenario: ${esc(report.scenario.name)}</h2><p>Changes at this school:</p><ul class="changes">${changes
          .map((c) => `<li>${esc(describeChange(c, name))}</li>`)
          .join('')}</ul></section>`
      : '';
  const priorities = (report.priorities ?? []).filter((p) => p.school_id === school.school_id || p.school_id === '*');

  const level = levelLabel(school.level);
  const meta = [school.school_id, level, `${whole(school.enrollment)} students`, district.name].filter(Boolean).map(esc).join(' · ');
  const body = `${header(school.school_name, `${meta}<br>Made ${esc(district.made)}${inputsLine(report)}`)}
<main>
<section id="tiers">
<h2>Need and capacity by tier</h2>
${chartFigure(school.tiers, `${school.school_name}: need and capacity by tier`)}
${tiersTable}
</section>
<section id="staffing">
<h2>School-employed staff against the recommended ratios</h2>
${staffingTable}
</section>
<section class="major" id="providers">
<h2>Providers serving this school</h2>
<p class="note">The school's own services and district-wide ones. A district-wide service's students a year are this school's share of its capacity, in proportion to need.</p>
${providers}
</section>
${survey}
${scenario}
${prioritySections(priorities, report, 'Priorities for the school improvement plan')}
${readinessSection(report)}
${aboutSection(report)}
</main>`;
  return page(`${school.school_name}: mental health gap report`, runningTitle(district.name, school.school_name), district.made, body);
}
