/**
 * The report as one self-contained HTML document: its own stylesheet (with a print stylesheet,
 * for "Save as PDF"), charts as inline SVG, no script, font or link to anything else, so it opens
 * and prints the same anywhere, offline. It draws the blocks of ./layout.ts; every text goes
 * through `esc`.
 */
import { CAPACITY_COLOUR, chartSvg, NEED_COLOUR } from './chart';
import { districtLayout, schoolLayout, type Block, type Cell, type ReportLayout, type TableBlock } from './layout';
import { esc } from './markup';
import type { Report, SchoolReport } from './model';

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

const classes = (...names: (string | false | undefined)[]) => {
  const list = names.filter(Boolean).join(' ');
  return list ? ` class="${list}"` : '';
};

function cellHtml(c: Cell): string {
  return `${esc(c.text)}${c.id ? ` <span class="id">(${esc(c.id)})</span>` : ''}`;
}

function table(t: TableBlock): string {
  // The first column of each labelled group gets a rule on its left.
  const starts = new Set<number>();
  let at = 0;
  for (const g of t.groups ?? []) {
    if (g.label) starts.add(at);
    at += g.span;
  }
  const rowHeads = t.groups?.[0]?.label === '' ? t.groups[0].span : 0;
  const th = (i: number, rowspan = false) => {
    const c = t.columns[i];
    return `<th scope="col"${rowspan ? ' rowspan="2"' : ''}${classes(c.num && 'num', c.name && 'name', starts.has(i) && 'start')}>${esc(c.label)}</th>`;
  };
  const head = t.groups
    ? `<tr>${t.columns.slice(0, rowHeads).map((_, i) => th(i, true)).join('')}${t.groups
        .filter((g) => g.label)
        .map((g) => `<th scope="colgroup" colspan="${g.span}" class="group start">${esc(g.label)}</th>`)
        .join('')}</tr>\n<tr>${t.columns.map((_, i) => (i < rowHeads ? '' : th(i))).join('')}</tr>`
    : `<tr>${t.columns.map((_, i) => th(i)).join('')}</tr>`;
  const row = (r: Cell[]) =>
    `<tr>${r
      .map((c, i) => {
        const column = t.columns[i];
        if (t.wide && i === 0) return `<th scope="row">${cellHtml(c)}</th>`;
        return `<td${classes(column?.num && 'num', column?.name && 'name', starts.has(i) && 'start', c.gap && 'has-gap', c.withheld && 'withheld')}>${cellHtml(c)}</td>`;
      })
      .join('')}</tr>`;
  return `<table${classes(t.wide && 'wide', t.compact && 'compact')}>${t.caption ? `<caption>${esc(t.caption)}</caption>` : ''}<thead>
${head}
</thead>
<tbody>
${t.rows.map(row).join('\n')}
</tbody></table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `<header class="title"><p class="kicker">${esc(b.kicker)}</p><h1>${esc(b.title)}</h1><p class="meta">${b.lines.map(esc).join('<br>')}</p></header>`;
    case 'heading':
      return b.level === 1 ? `<h2>${esc(b.text)}</h2>` : `<h3>${esc(b.text)}</h3>`;
    case 'paragraph':
      return `<p${classes(b.note && 'note')}>${esc(b.text)}</p>`;
    case 'bullets':
      return `<ul class="changes">${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table':
      return table(b);
    case 'chart': {
      const legend = `<span class="swatch" style="background:${NEED_COLOUR}"></span>Need <span class="swatch" style="background:${CAPACITY_COLOUR}"></span>Capacity`;
      return `<figure>${chartSvg(b.tiers, b.title)}<figcaption>${legend}. ${esc(b.title)}. ${esc(b.note)}</figcaption></figure>`;
    }
    case 'card':
      return `<div class="priority"><h3>${esc(b.title)}</h3><p class="meta">${esc(b.subtitle)}</p><dl>${b.fields
        .map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`)
        .join('')}</dl></div>`;
  }
}

/** The blocks in <main>, each part of the report a <section>; a part on a new page is "major". */
function html(layout: ReportLayout): string {
  const out: string[] = [];
  let open = false;
  for (const b of layout.blocks) {
    if (b.kind === 'heading' && b.level === 1) {
      out.push(`${open ? '</section>\n' : ''}<section${classes(b.newPage && 'major')}${b.id ? ` id="${esc(b.id)}"` : ''}>`);
      open = true;
    }
    out.push(block(b));
    if (b.kind === 'title') out.push('<main>');
  }
  if (open) out.push('</section>');
  out.push('</main>');
  return page(layout.title, layout.runningTitle, layout.made, out.join('\n'));
}

/** The district's report. */
export function districtHtml(report: Report): string {
  return html(districtLayout(report));
}

/** One school's report, for its improvement plan. */
export function schoolHtml(report: Report, school: SchoolReport): string {
  return html(schoolLayout(report, school));
}
