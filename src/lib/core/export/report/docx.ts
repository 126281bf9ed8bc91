/**
 * The report as a Word document (docx package), for pasting into a school improvement plan. It
 * draws the blocks of ./layout.ts; a part holding a wide table gets a landscape section. Text
 * that is not a figure goes through escapeFormula (data contract: a text cell that starts with
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
import { escapeFormula } from '../format';
import { count, tierName } from '../../present';
import { CAPACITY_COLOUR, CHART_HEIGHT, CHART_WIDTH, chartPng, chartStrips, chartSvg, NEED_COLOUR, type ChartTier } from './chart';
import { districtLayout, schoolLayout, type Block, type Cell, type ReportLayout, type TableBlock } from './layout';
import type { Report, SchoolReport } from './model';

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

/** Text, not a figure, as it goes into the document. */
const data = (text: string) => escapeFormula(text);

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
 * A table whose header row repeats on every page and whose rows never break across pages. Borders
 * and margins are set once on the table, not on each cell: a district's documents have tens of
 * thousands of cells, and each cell's XML costs time to write.
 */
function table(t: TableBlock, width: number): Table {
  const size: CellSize = t.wide ? 15 : t.dense ? 16 : 18;
  const total = t.columns.reduce((n, c) => n + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * width));
  const headerCell = (text: string, num: boolean, span = 1) =>
    new TableCell({
      columnSpan: span,
      shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' },
      children: paragraphs(data(text), { num, bold: true, size })
    });
  const head: TableRow[] = [];
  if (t.groups) {
    head.push(new TableRow({ tableHeader: true, cantSplit: true, children: t.groups.map((g) => headerCell(g.label, false, g.span)) }));
  }
  head.push(new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c) => headerCell(c.label, !!c.num)) }));
  const text = (c: Cell, num: boolean) => {
    const shown = c.id ? `${c.text} (${c.id})` : c.text;
    return num ? shown : data(shown);
  };
  const body = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map((c, i) => {
          const num = !!t.columns[i]?.num;
          const emphasis = c.gap ? { bold: true, colour: GAP_COLOUR } : { italic: c.withheld };
          return new TableCell({ children: paragraphs(text(c, num), { num, size, ...emphasis }) });
        })
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

function text(content: string, options: { note?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 120 },
    children: [new TextRun({ text: content, size: options.note ? 18 : undefined, color: options.note ? '555555' : undefined })]
  });
}

const spacer = () => new Paragraph({ spacing: { after: 120 }, children: [] });

const IMAGE_WIDTH = 620; // pixels, as docx sizes images
const TWIPS_PER_PIXEL = 15;

/** The chart image, each tier's figures in a strip under its panel, and a legend. */
function chart(tiers: ChartTier[], title: string, note: string): (Paragraph | Table)[] {
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
                    children: [new TextRun({ text: `need ${count(t.need)} · capacity ${count(t.capacity)}` })]
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
            description: `${title}: ${tiers.map((t) => `${tierName(t.tier)} need ${count(t.need)}, capacity ${count(t.capacity)}`).join('; ')}`
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
        new TextRun({ text: `${data(title)}. ${note}`, size: 18, color: '555555' })
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

function titleBlock(b: Extract<Block, { kind: 'title' }>): Paragraph[] {
  return [
    new Paragraph({
      spacing: { after: 60 },
      children: [new TextRun({ text: b.kicker.toUpperCase(), bold: true, size: 16, color: CAPACITY_COLOUR.slice(1) })]
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: data(b.title) })] }),
    ...b.lines.map((line) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: data(line), size: 18, color: '444444' })] })),
    spacer()
  ];
}

/** One block; `first` is whether it opens a section, which starts a page already. */
function block(b: Block, width: number, first: boolean, next: Block | undefined): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'title':
      return titleBlock(b);
    case 'heading':
      return [heading(b.text, { level: b.level, newPage: b.newPage && !first })];
    case 'paragraph':
      return [text(data(b.text), { note: b.note })];
    case 'bullets':
      return [...b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: data(i) })] })), spacer()];
    case 'table':
      return [
        ...(b.caption ? [heading(b.caption, { level: 2 })] : []),
        table(b, width),
        // Room before what follows, unless it is a heading, which has its own.
        ...(next && next.kind !== 'heading' ? [spacer()] : [])
      ];
    case 'chart':
      return chart(b.tiers, b.title, b.note);
    case 'card':
      return [
        heading(b.title, { level: 2 }),
        table(
          {
            kind: 'table',
            columns: [
              { label: 'For', width: 2 },
              { label: b.subtitle, width: 6 }
            ],
            rows: b.fields.map(([label, value]) => [{ text: label }, { text: value }])
          },
          width
        ),
        spacer()
      ];
  }
}

/**
 * The layout's parts (each from a level 1 heading) in sections: landscape for a part with a wide
 * table, portrait otherwise, one section for each run of parts that face the same way.
 */
function docx(layout: ReportLayout): Promise<Uint8Array> {
  const parts: Block[][] = [];
  for (const b of layout.blocks) {
    if (!parts.length || (b.kind === 'heading' && b.level === 1)) parts.push([]);
    parts.at(-1)!.push(b);
  }
  const runs: { landscape: boolean; blocks: Block[] }[] = [];
  for (const part of parts) {
    const landscape = part.some((b) => b.kind === 'table' && b.wide);
    const last = runs.at(-1);
    if (last?.landscape === landscape) last.blocks.push(...part);
    else runs.push({ landscape, blocks: [...part] });
  }
  const sections = runs.map((run, r) => {
    const width = run.landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
    const children = run.blocks.flatMap((b, i) => block(b, width, r > 0 && i === 0, run.blocks[i + 1]));
    return sectionFrame(layout.runningTitle, layout.made, children, run.landscape);
  });
  return pack(layout.title, sections);
}

/** The district's report as DOCX bytes. */
export function districtDocx(report: Report): Promise<Uint8Array> {
  return docx(districtLayout(report));
}

/** One school's report as DOCX bytes. */
export function schoolDocx(report: Report, school: SchoolReport): Promise<Uint8Array> {
  return docx(schoolLayout(report, school));
}
