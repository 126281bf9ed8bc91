/**
 * The report as a Word document (docx package), for pasting into a school improvement plan.
 * Text from the data goes through escapeFormula (data contract: a text cell that starts with
 * = + - @ gets a leading '), since DOCX tables are often pasted into spreadsheets.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions
} from 'docx';
import { PARTNERSHIP_ELEMENTS, type Priority } from '../../plan/types';
import { escapeFormula } from '../format';
import { CAPACITY_COLOUR, CHART_HEIGHT, CHART_WIDTH, chartPng, chartStrips, chartSvg, NEED_COLOUR, type ChartTier } from './chart';
import type { Report, SchoolReport } from './model';
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

const FONT = 'Arial';
const INCH = 1440; // twips
const PAGE = { width: 8.5 * INCH, height: 11 * INCH };
const MARGIN = 0.75 * INCH;
const PORTRAIT_WIDTH = PAGE.width - 2 * MARGIN;
const LANDSCAPE_WIDTH = PAGE.height - 2 * MARGIN;
const HEADER_FILL = 'EFEAF5';
const GAP_COLOUR = '9A4A00';
const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'CCCCCC' };
const NO_RULE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** Text from the data as it goes into the document. */
const data = (text: string) => escapeFormula(text);

interface Column {
  label: string;
  /** Relative width. */
  width: number;
  num?: boolean;
}

interface Cell {
  text: string;
  num?: boolean;
  bold?: boolean;
  colour?: string;
  italic?: boolean;
}

const cell = (text: string): Cell => ({ text: data(text) });
const numCell = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, num: true, ...extra });
const gapCell = (gap: number, text: string): Cell => numCell(text, gap > 0.5 ? { bold: true, colour: GAP_COLOUR } : {});

/** Table text sizes (half-points), each a paragraph style, so a cell's XML stays short. */
const CELL_SIZES = [15, 16, 18] as const;
type CellSize = (typeof CELL_SIZES)[number];

function paragraphs(text: string, options: { num?: boolean; bold?: boolean; colour?: string; italic?: boolean; size: CellSize }): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        style: `Cell${options.size}`,
        alignment: options.num ? AlignmentType.RIGHT : undefined,
        children: [new TextRun({ text: line, bold: options.bold || undefined, italics: options.italic || undefined, color: options.colour })]
      })
  );
}

/**
 * A table whose header row repeats on every page and whose rows never break across pages.
 * `groups` adds a header row above (label, span) for tables with tier or role column groups.
 */
function table(columns: Column[], rows: Cell[][], options: { width?: number; size?: CellSize; groups?: { label: string; span: number }[] } = {}): Table {
  const width = options.width ?? PORTRAIT_WIDTH;
  const size = options.size ?? 18;
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / total) * width));
  // Borders and margins are set once on the table, not on each cell: a district's documents have
  // tens of thousands of cells, and each cell's XML costs time to write.
  const headerCell = (text: string, num: boolean, span = 1) =>
    new TableCell({
      columnSpan: span,
      shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' },
      children: paragraphs(text, { num, bold: true, size })
    });
  const head: TableRow[] = [];
  if (options.groups) {
    head.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: options.groups.map((g) => headerCell(g.label, false, g.span))
      })
    );
  }
  head.push(new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => headerCell(c.label, !!c.num)) }));
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map((c) => new TableCell({ children: paragraphs(c.text, { ...c, size }) }))
      })
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    borders: { top: NO_RULE, left: NO_RULE, right: NO_RULE, insideVertical: NO_RULE, bottom: RULE, insideHorizontal: RULE },
    rows: [...head, ...body]
  });
}

function heading(text: string, options: { newPage?: boolean; level?: 1 | 2 } = {}): Paragraph {
  return new Paragraph({
    heading: options.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1,
    pageBreakBefore: options.newPage,
    keepNext: true,
    children: [new TextRun({ text: data(text) })]
  });
}

function text(content: string, options: { note?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    children: [new TextRun({ text: content, size: options.note ? 18 : undefined, color: options.note ? '555555' : undefined, bold: options.bold })]
  });
}

const spacer = () => new Paragraph({ spacing: { after: 120 }, children: [] });

const IMAGE_WIDTH = 620; // pixels, as docx sizes images
const TWIPS_PER_PIXEL = 15;

/** The chart image, each tier's figures in a strip under its panel, and a legend. */
function chart(tiers: ChartTier[], title: string): (Paragraph | Table)[] {
  const scale = (IMAGE_WIDTH * TWIPS_PER_PIXEL) / CHART_WIDTH;
  const widths = chartStrips(tiers.length).map((w) => Math.round(w * scale));
  const blank = () => new TableCell({ children: [new Paragraph({ children: [] })] });
  // The PNG fallback has no text, so the figures are set here, in text any reader shows.
  const strip = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: NO_RULE, bottom: NO_RULE, left: NO_RULE, right: NO_RULE, insideHorizontal: NO_RULE, insideVertical: NO_RULE },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          blank(),
          ...tiers.map(
            (t) =>
              new TableCell({
                children: [
                  new Paragraph({ style: 'Cell16', alignment: AlignmentType.CENTER, children: [new TextRun({ text: tierName(t.tier), bold: true })] }),
                  new Paragraph({
                    style: 'Cell16',
                    alignment: AlignmentType.CENTER,
                    children: [new TextRun({ text: `need ${whole(t.need)} · capacity ${whole(t.capacity)}` })]
                  })
                ]
              })
          ),
          blank()
        ]
      })
    ]
  });
  return [
    new Paragraph({
      keepNext: true,
      spacing: { after: 0 },
      children: [
        new ImageRun({
          type: 'svg',
          data: new TextEncoder().encode(chartSvg(tiers, title, { standalone: true })),
          fallback: { type: 'png', data: chartPng(tiers) },
          transformation: { width: IMAGE_WIDTH, height: Math.round((IMAGE_WIDTH * CHART_HEIGHT) / CHART_WIDTH) },
          altText: {
            name: 'Need and capacity chart',
            title,
            description: `${title}: ${tiers.map((t) => `${tierName(t.tier)} need ${whole(t.need)}, capacity ${whole(t.capacity)}`).join('; ')}`
          }
        })
      ]
    }),
    strip,
    new Paragraph({
      spacing: { before: 80, after: 160 },
      children: [
        new TextRun({ text: '■ ', color: NEED_COLOUR.slice(1), size: 18 }),
        new TextRun({ text: 'Need   ', size: 18 }),
        new TextRun({ text: '■ ', color: CAPACITY_COLOUR.slice(1), size: 18 }),
        new TextRun({ text: 'Capacity. ', size: 18 }),
        new TextRun({ text: `${data(title)}. Students a year; each tier has its own scale.`, size: 18, color: '555555' })
      ]
    })
  ];
}

function sectionFrame(runningTitle: string, made: string, children: ISectionOptions['children'], landscape = false): ISectionOptions {
  const width = landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 0.4 * INCH, footer: 0.4 * INCH }
      }
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: width }],
            children: [new TextRun({ text: `${data(runningTitle)}\tMade ${made}`, size: 16, color: '555555' })]
          })
        ]
      })
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '555555' })]
          })
        ]
      })
    },
    children
  };
}

function titleBlock(title: string, lines: string[]): Paragraph[] {
  return [
    new Paragraph({
      spacing: { after: 60 },
      children: [new TextRun({ text: 'MENTAL HEALTH GAP REPORT FOR THE SCHOOL IMPROVEMENT PLAN', bold: true, size: 16, color: CAPACITY_COLOUR.slice(1) })]
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: data(title) })] }),
    ...lines.map((line) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: line, size: 18, color: '444444' })] })),
    spacer()
  ];
}

function madeLine(report: Report): string {
  const files = report.district.inputs.map((f) => data(f.file_name));
  return `Made ${report.district.made}${files.length ? ` from ${files.join(', ')}` : ''}`;
}

function tierTable(report: Report, school: SchoolReport): Table {
  const rate = (t: number) => report.district.settings.tierRates.find((r) => r.tier === t)?.rate;
  return table(
    [
      { label: 'Tier', width: 3 },
      { label: 'Need', width: 1.5, num: true },
      { label: 'Need from', width: 3 },
      { label: 'Capacity', width: 1.5, num: true },
      { label: 'Gap', width: 1.5, num: true },
      { label: 'Coverage', width: 1.5, num: true }
    ],
    school.tiers.map((t) => [
      cell(tierName(t.tier)),
      numCell(whole(t.need)),
      cell(t.need_source === 'screening' ? 'screening count' : `${share(rate(t.tier))} of enrollment`),
      numCell(whole(t.capacity)),
      gapCell(t.gap, whole(t.gap)),
      numCell(share(t.coverage))
    ])
  );
}

function aboutBlock(report: Report): (Paragraph | Table)[] {
  const { settings, inputs, made } = report.district;
  const threshold = settings.suppressionThreshold;
  return [
    heading('How this report was made', { newPage: true }),
    text(
      `Made ${made} by Continuum. Need for a tier is the school's screening count where one was loaded, otherwise enrollment × the tier's rate. Capacity is the students a year the school's services of that tier can serve, plus its share of district-wide services (shared in proportion to need). Gap is need minus capacity where positive; coverage is capacity ÷ need.`
    ),
    heading('Input files', { level: 2 }),
    table(
      [
        { label: 'Input', width: 2 },
        { label: 'File', width: 6 },
        { label: 'Rows', width: 1, num: true },
        { label: 'Loaded', width: 2 }
      ],
      inputs.map((f) => [cell(FILE_KIND_LABELS[f.kind] ?? f.kind), cell(f.file_name), numCell(whole(f.rows)), cell(f.loaded_at)])
    ),
    heading('Settings', { level: 2 }),
    table(
      [
        { label: 'Role', width: 3 },
        { label: 'Recommended students per FTE', width: 2, num: true },
        { label: 'Standard', width: 3 }
      ],
      settings.ratios.map((r) => {
        const standard = roleStandard(r.role);
        const source = !standard ? '' : standard.ratio === r.ratio ? standard.standard : `changed (${standard.standard}: ${whole(standard.ratio)})`;
        return [cell(roleLabel(r.role)), numCell(whole(r.ratio)), cell(source)];
      })
    ),
    spacer(),
    table(
      [
        { label: 'Tier', width: 3 },
        { label: 'Share of enrollment in need where no screening count exists', width: 5, num: true }
      ],
      settings.tierRates.map((t) => [cell(tierName(t.tier)), numCell(share(t.rate))])
    ),
    spacer(),
    text(`Survey results for fewer than ${threshold} respondents are withheld and shown as ${withheld(threshold)}, so that no family's answers can be singled out.`)
  ];
}

function scenarioBlock(report: Report): (Paragraph | Table)[] {
  const scenario = report.scenario;
  if (!scenario) return [];
  const name = schoolNamer(report.schools);
  return [
    heading(`Scenario: ${scenario.name}`, { newPage: true }),
    heading('Changes', { level: 2 }),
    ...(scenario.changes.length
      ? scenario.changes.map((c) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: data(describeChange(c, name)) })] }))
      : [text('No changes.')]),
    spacer(),
    ...chart(
      scenario.tiers.map((t) => ({ tier: t.tier, need: t.scenario_need, capacity: t.scenario_capacity })),
      `District need and capacity by tier in the scenario "${scenario.name}"`
    ),
    table(
      [
        { label: 'Tier', width: 3 },
        { label: 'Need', width: 2, num: true },
        { label: 'Capacity now', width: 1.6, num: true },
        { label: 'Capacity in scenario', width: 1.6, num: true },
        { label: 'Gap now', width: 1.6, num: true },
        { label: 'Gap in scenario', width: 1.6, num: true },
        { label: 'Change in gap', width: 1.6, num: true },
        { label: 'Coverage now', width: 1.6, num: true },
        { label: 'Coverage in scenario', width: 1.6, num: true }
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
      { size: 16 }
    ),
    spacer(),
    table(
      [
        { label: 'Role', width: 3 },
        { label: 'FTE now', width: 1.5, num: true },
        { label: 'FTE in scenario', width: 1.5, num: true },
        { label: 'Schools meeting the ratio now', width: 2, num: true },
        { label: 'In scenario', width: 1.5, num: true },
        { label: 'Cost', width: 2, num: true }
      ],
      scenario.staffing.map((s) => [
        cell(roleLabel(s.role)),
        numCell(twoDecimals(s.fte)),
        numCell(twoDecimals(s.scenario_fte)),
        numCell(whole(s.schools_meeting)),
        numCell(whole(s.scenario_schools_meeting)),
        numCell(s.cost === null ? 'no salary set' : money(s.cost))
      ])
    )
  ];
}

function priorityBlock(priorities: Priority[], report: Report): (Paragraph | Table)[] {
  if (!priorities.length) return [];
  const name = schoolNamer(report.schools);
  const fields: [keyof Priority, string][] = [
    ['strategy', 'Strategy'],
    ['action_steps', 'Action steps'],
    ['person_responsible', 'Person responsible'],
    ['timeline', 'Timeline'],
    ['resources', 'Resources'],
    ['measure_of_success', 'Measure of success']
  ];
  return [
    heading('Priorities for the school improvement plan', { newPage: true }),
    text('Written as action steps for the school improvement plan, with a measurable outcome for each, so school and community providers share accountability for it.', { note: true }),
    ...priorities.flatMap((p, i) => {
      const where = p.school_id === '*' ? wholeDistrict(report.district.name) : name(p.school_id);
      return [
        heading(`${i + 1}. ${p.goal || 'Goal not written yet'}`, { level: 2 }),
        table(
          [
            { label: 'For', width: 2 },
            { label: `${data(where)}${p.tier ? ` · ${tierName(p.tier)}` : ''}`, width: 6 }
          ],
          fields.map(([key, label]) => [cell(label), cell(String(p[key] ?? '') || NONE)])
        ),
        spacer()
      ];
    })
  ];
}

function readinessBlock(report: Report): (Paragraph | Table)[] {
  const readiness = report.readiness;
  if (!readiness) return [];
  return [
    heading('Partnership readiness'),
    text('The six elements of an effective school–community partnership (NASP), as the team rated them.', { note: true }),
    table(
      [
        { label: 'Element', width: 5 },
        { label: 'Where we are', width: 2 },
        { label: 'Note', width: 5 }
      ],
      PARTNERSHIP_ELEMENTS.map((e) => [cell(e.label), cell(readiness[e.id]?.level ?? 'not rated'), cell(readiness[e.id]?.note ?? '')])
    )
  ];
}

async function pack(title: string, sections: ISectionOptions[]): Promise<Uint8Array> {
  const doc = new Document({
    title,
    creator: 'Continuum',
    description: 'Mental health gap report for the school improvement plan',
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: '222222' }, paragraph: { spacing: { after: 80 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: '222222' }, paragraph: { spacing: { before: 320, after: 120 } } },
        heading2: { run: { font: FONT, size: 22, bold: true, color: '222222' }, paragraph: { spacing: { before: 200, after: 80 } } }
      },
      paragraphStyles: CELL_SIZES.map((size) => ({
        id: `Cell${size}`,
        name: `Table text ${size / 2} pt`,
        basedOn: 'Normal',
        run: { size },
        paragraph: { spacing: { before: 0, after: 0 } }
      }))
    },
    sections
  });
  return Packer.pack(doc, 'uint8array');
}

/** The district's report as DOCX bytes. */
export function districtDocx(report: Report): Promise<Uint8Array> {
  const { district } = report;
  const threshold = district.settings.suppressionThreshold;
  const running = runningTitle(district.name);
  const enrollment = report.schools.reduce((n, s) => n + s.enrollment, 0);

  const first: (Paragraph | Table)[] = [
    ...titleBlock(districtTitle(district.name), [`${whole(report.schools.length)} schools · ${whole(enrollment)} students`, madeLine(report)]),
    heading('Need and capacity by tier'),
    ...chart(report.tiers, `${districtTitle(district.name)}: need and capacity by tier`),
    table(
      [
        { label: 'Tier', width: 3 },
        { label: 'Need', width: 1.5, num: true },
        { label: 'Capacity', width: 1.5, num: true },
        { label: 'Gap', width: 1.5, num: true },
        { label: 'Coverage', width: 1.5, num: true },
        { label: 'Schools with a gap', width: 2, num: true }
      ],
      report.tiers.map((t) => [
        cell(tierName(t.tier)),
        numCell(whole(t.need)),
        numCell(whole(t.capacity)),
        gapCell(t.gap, whole(t.gap)),
        numCell(share(t.coverage)),
        numCell(`${whole(t.schools_with_gap)} of ${whole(report.schools.length)}`)
      ])
    ),
    heading('School-employed staff against the recommended ratios'),
    table(
      [
        { label: 'Role', width: 3 },
        { label: 'FTE', width: 1.2, num: true },
        { label: 'Students per FTE', width: 1.5, num: true },
        { label: 'Recommended ratio', width: 1.8, num: true },
        { label: 'FTE needed', width: 1.3, num: true },
        { label: 'FTE gap', width: 1.2, num: true },
        { label: 'Schools below the ratio', width: 1.8, num: true }
      ],
      report.staffing.map((s) => [
        cell(roleLabel(s.role)),
        numCell(twoDecimals(s.fte)),
        numCell(whole(s.students_per_fte)),
        numCell(whole(s.recommended_ratio)),
        numCell(twoDecimals(s.fte_needed)),
        gapCell(s.fte_gap, twoDecimals(s.fte_gap)),
        numCell(whole(s.schools_below_standard))
      ])
    )
  ];

  // The by-school tables are wide: they get a landscape section of their own.
  const tiers = report.tiers.map((t) => t.tier);
  const roles = district.settings.ratios.map((r) => r.role);
  const schoolLabel = (s: SchoolReport) => `${data(s.school_name)} (${data(s.school_id)})`;
  const wide: (Paragraph | Table)[] = [
    heading('Need and capacity by school'),
    text('Students by tier. Gaps are in bold; coverage is capacity ÷ need.', { note: true }),
    table(
      [{ label: 'School', width: 5 }, ...tiers.flatMap(() => ['Need', 'Capacity', 'Gap', 'Coverage'].map((label) => ({ label, width: 1.15, num: true })))],
      report.schools.map((s) => [
        { text: schoolLabel(s) },
        ...tiers.flatMap((n) => {
          const t = s.tiers.find((x) => x.tier === n);
          return t ? [numCell(whole(t.need)), numCell(whole(t.capacity)), gapCell(t.gap, whole(t.gap)), numCell(share(t.coverage))] : [numCell(NONE), numCell(''), numCell(''), numCell('')];
        })
      ]),
      { width: LANDSCAPE_WIDTH, size: 15, groups: [{ label: '', span: 1 }, ...tiers.map((t) => ({ label: tierName(t), span: 4 }))] }
    ),
    heading('Staffing by school', { newPage: true }),
    table(
      [
        { label: 'School', width: 5 },
        { label: 'Students', width: 1.1, num: true },
        ...roles.flatMap(() => [
          { label: 'FTE', width: 0.9, num: true },
          { label: 'Students / FTE', width: 1.1, num: true },
          { label: 'FTE gap', width: 0.9, num: true }
        ])
      ],
      report.schools.map((s) => [
        { text: schoolLabel(s) },
        numCell(whole(s.enrollment)),
        ...roles.flatMap((role) => {
          const r = s.staffing.find((x) => x.role === role);
          return r ? [numCell(twoDecimals(r.fte)), numCell(whole(r.students_per_fte)), gapCell(r.fte_gap, twoDecimals(r.fte_gap))] : [numCell(NONE), numCell(''), numCell('')];
        })
      ]),
      { width: LANDSCAPE_WIDTH, size: 15, groups: [{ label: '', span: 2 }, ...roles.map((r) => ({ label: roleLabel(r), span: 3 }))] }
    )
  ];
  if (report.survey) {
    const constructs = report.survey.constructs;
    wide.push(
      heading('Family survey: % favorable by school', { newPage: true }),
      text(
        `Share of answers that agree or strongly agree, by construct. Cells with fewer than ${threshold} respondents are withheld (${withheld(threshold)}); no district total is shown, because it could be used to work out a withheld school's result.`,
        { note: true }
      ),
      table(
        [{ label: 'School', width: 5 }, ...constructs.map((k) => ({ label: constructLabel(k), width: 1.3, num: true })), { label: 'Respondents (most in a construct)', width: 1.6, num: true }],
        report.schools.map((s) => {
          const answered = s.survey.filter((c) => !c.suppressed);
          const most = answered.reduce((n, c) => Math.max(n, c.suppressed ? 0 : c.n), 0);
          return [
            { text: schoolLabel(s) },
            ...constructs.map((k) => {
              const c = s.survey.find((x) => x.construct === k);
              if (!c) return numCell(NONE);
              return c.suppressed ? numCell(withheld(threshold), { italic: true }) : numCell(percent(c.pct_favorable));
            }),
            answered.length ? numCell(whole(most)) : numCell(s.survey.length ? withheld(threshold) : NONE, { italic: true })
          ];
        }),
        { width: LANDSCAPE_WIDTH, size: 15 }
      )
    );
  }

  const shared = report.providers.filter((p) => p.provider_type !== 'school' || p.district_wide || p.schools > 1);
  const ownTeams = report.providers.length - shared.length;
  const last: (Paragraph | Table)[] = [
    heading('Providers'),
    text('Community providers, and school providers that serve more than one school, with the services they offer and the students a year they can serve across the district.', { note: true }),
    table(
      [
        { label: 'Provider', width: 3 },
        { label: 'Type', width: 1.4 },
        { label: 'Services', width: 3 },
        { label: 'Tiers', width: 1 },
        { label: 'Schools', width: 1.3, num: true },
        { label: 'Students a year', width: 1.3, num: true },
        { label: 'Needs a diagnosis', width: 1.6 },
        { label: 'MOU in place', width: 1.8 }
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
      { size: 16 }
    ),
    ...(ownTeams ? [text(`Not listed: ${whole(ownTeams)} school teams that serve only their own school; each school's report lists them.`, { note: true })] : []),
    ...scenarioBlock(report),
    ...priorityBlock(report.priorities ?? [], report),
    ...readinessBlock(report),
    ...aboutBlock(report)
  ];

  return pack(`${districtTitle(district.name)}: mental health gap report`, [
    sectionFrame(running, district.made, first),
    sectionFrame(running, district.made, wide, true),
    sectionFrame(running, district.made, last)
  ]);
}

/** One school's report as DOCX bytes. */
export function schoolDocx(report: Report, school: SchoolReport): Promise<Uint8Array> {
  const { district } = report;
  const threshold = district.settings.suppressionThreshold;
  const name = schoolNamer(report.schools);
  const meta = [data(school.school_id), levelLabel(school.level), `${whole(school.enrollment)} students`, district.name ? data(district.name) : ''].filter(Boolean).join(' · ');

  const children: (Paragraph | Table)[] = [
    ...titleBlock(school.school_name, [meta, madeLine(report)]),
    heading('Need and capacity by tier'),
    ...chart(school.tiers, `${school.school_name}: need and capacity by tier`),
    tierTable(report, school),
    heading('School-employed staff against the recommended ratios'),
    table(
      [
        { label: 'Role', width: 3 },
        { label: 'FTE', width: 1.2, num: true },
        { label: 'Students per FTE', width: 1.6, num: true },
        { label: 'Recommended students per FTE', width: 2.2, num: true },
        { label: 'FTE needed', width: 1.4, num: true },
        { label: 'FTE gap', width: 1.2, num: true }
      ],
      school.staffing.map((s) => [
        cell(roleLabel(s.role)),
        numCell(twoDecimals(s.fte)),
        numCell(whole(s.students_per_fte)),
        numCell(whole(s.recommended_ratio)),
        numCell(twoDecimals(s.fte_needed)),
        gapCell(s.fte_gap, twoDecimals(s.fte_gap))
      ])
    ),
    heading('Providers serving this school', { newPage: true }),
    text("The school's own services and district-wide ones. A district-wide service's students a year are this school's share of its capacity, in proportion to need.", { note: true }),
    school.providers.length
      ? table(
          [
            { label: 'Tier', width: 0.8 },
            { label: 'Provider', width: 3.2 },
            { label: 'Type', width: 1.6 },
            { label: 'Service', width: 2 },
            { label: 'Students a year', width: 1.5, num: true },
            { label: 'Languages', width: 1.8 },
            { label: 'Needs a diagnosis', width: 1.6 },
            { label: 'MOU in place', width: 1.4 },
            { label: 'Funding', width: 2 }
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
          ]),
          { size: 16 }
        )
      : text('No services are listed for this school.')
  ];

  if (report.survey) {
    children.push(
      heading('Family survey'),
      text(
        `Respondents who answered at least one item; % favorable is the share of answers that agree or strongly agree; mean on a 1–5 scale. Results for fewer than ${threshold} respondents are withheld.`,
        { note: true }
      ),
      table(
        [
          { label: 'Construct', width: 3 },
          { label: 'Respondents', width: 2, num: true },
          { label: '% favorable', width: 2, num: true },
          { label: 'Mean (1–5)', width: 2, num: true }
        ],
        report.survey.constructs.map((k) => {
          const c = school.survey.find((x) => x.construct === k);
          if (!c) return [cell(constructLabel(k)), numCell('0'), numCell(NONE), numCell(NONE)];
          if (c.suppressed) return [cell(constructLabel(k)), numCell(withheld(threshold), { italic: true }), numCell('withheld', { italic: true }), numCell('withheld', { italic: true })];
          return [cell(constructLabel(k)), numCell(whole(c.n)), numCell(percent(c.pct_favorable)), numCell(twoDecimals(c.mean))];
        })
      )
    );
  }

  const changes = (report.scenario?.changes ?? []).filter((c) => 'school_id' in c && c.school_id === school.school_id);
  if (report.scenario && changes.length) {
    children.push(
      heading(`Scenario: ${report.scenario.name}`),
      text('Changes at this school:'),
      ...changes.map((c) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: data(describeChange(c, name)) })] }))
    );
  }
  const priorities = (report.priorities ?? []).filter((p) => p.school_id === school.school_id || p.school_id === '*');
  children.push(...priorityBlock(priorities, report), ...readinessBlock(report), ...aboutBlock(report));

  return pack(`${school.school_name}: mental health gap report`, [sectionFrame(runningTitle(district.name, school.school_name), district.made, children)]);
}
