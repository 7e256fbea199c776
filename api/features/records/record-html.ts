/**
 * A RecordSheet as one standalone HTML document: inline CSS, no scripts, no navigation, laid out
 * for A4 (table headers repeat on every printed page, rows never split, page numbers in the
 * bottom margin). What a browser prints is what an office files with the meeting minutes.
 */
import { RECORD_TEXT, formatRecordDate, type RecordSheet, type RecordText } from './record-model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A CSS string literal (for `content:` in @page margin boxes). */
function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"`;
}

const e = escapeHtml;

function css(sheet: RecordSheet, t: RecordText): string {
  const footer = `${t.footer(sheet.pack.name, sheet.version)}`;
  const page = sheet.locale === 'zh' ? '"第 " counter(page) " 页 / 共 " counter(pages) " 页"' : '"page " counter(page) " of " counter(pages)';
  return `
@page { size: A4; margin: 18mm 15mm 20mm 15mm;
  @bottom-left { content: ${cssString(footer)}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${page}; font-size: 8pt; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif;
  font-size: 10.5pt; line-height: 1.5; color: #000; margin: 0 auto; padding: 12mm; max-width: 210mm; background: #fff; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }
.subtitle { text-align: center; margin: 0 0 6mm; font-size: 11pt; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid #000; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
th, td { border: 0.75pt solid #444; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background: #eee; font-weight: bold; }
table.info th { width: 26%; }
td.num, th.num { text-align: center; white-space: nowrap; width: 3em; }
td.value { font-weight: bold; white-space: nowrap; }
td.unit { white-space: nowrap; }
.id { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; color: #333; }
tr.changed td { background: #fff4d6; }
.mark { font-size: 8.5pt; font-weight: bold; white-space: nowrap; }
.old { text-decoration: line-through; color: #666; font-weight: normal; }
.arrow { padding: 0 1mm; }
.muted { color: #555; }
.note { font-size: 9pt; color: #333; }
blockquote { margin: 0; }
.clause { break-inside: avoid; page-break-inside: avoid; margin: 0 0 2.5mm; }
.clause .text { margin: 0.5mm 0 0 4mm; }
.signatures { display: flex; gap: 8mm; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.signatures div { flex: 1; }
.line { display: inline-block; min-width: 28mm; border-bottom: 0.75pt solid #000; height: 1.2em; vertical-align: bottom; }
.hint { font-size: 9pt; color: #666; text-align: center; margin: 0 0 4mm; }
footer.generated { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 0.5pt solid #999; padding-top: 1.5mm; }
@media print {
  body { padding: 0; max-width: none; }
  .hint { display: none; }
  a { color: inherit; text-decoration: none; }
}`;
}

/** （…） in Chinese, ( … ) in English. */
function paren(sheet: RecordSheet, text: string): string {
  return sheet.locale === 'zh' ? `（${text}）` : ` (${text})`;
}

function colon(sheet: RecordSheet): string {
  return sheet.locale === 'zh' ? '：' : ': ';
}

function row(label: string, value: string): string {
  return `<tr><th scope="row">${e(label)}</th><td>${value}</td></tr>`;
}

function infoTable(sheet: RecordSheet, t: RecordText): string {
  const f = t.fields;
  const lang = sheet.locale;
  const rows = [
    row(f.pack, `${e(sheet.pack.name)} <span class="id">${e(sheet.pack.id)}</span>`),
    row(f.township, e(sheet.pack.townshipName)),
    row(f.version, `${e(t.version(sheet.version))}${sheet.state ? paren(sheet, e(t.states[sheet.state])) : ''}`),
    row(f.effectiveFrom, e(formatRecordDate(sheet.effectiveFrom, lang))),
    row(f.effectiveTo, e(sheet.effectiveTo ? formatRecordDate(sheet.effectiveTo, lang) : t.openEnded)),
    row(f.basis, sheet.basis ? `${e(sheet.basis.text)}${sheet.basis.date ? `<br><span class="muted">${e(f.basisDate)}${colon(sheet)}${e(formatRecordDate(sheet.basis.date, lang))}</span>` : ''}` : e(t.none)),
    row(f.origin, e(t.origin(sheet.origin, sheet.copiedFrom))),
    row(f.published, `${e(formatRecordDate(sheet.publishedAt, lang))}${sheet.publishedBy ? ` · ${e(sheet.publishedBy)}` : ''}`),
  ];
  if (sheet.requestedBy) rows.push(row(f.requestedBy, e(sheet.requestedBy)));
  rows.push(row(f.approvals, sheet.approvals.length
    ? sheet.approvals.map((a) => `${e(a.username)} ${e(t.at)} ${e(formatRecordDate(a.at, lang))}${a.comment ? `${colon(sheet)}${e(a.comment)}` : ''}`).join('<br>')
    : e(t.none)));
  if (sheet.bypassReason) rows.push(row(f.bypass, e(sheet.bypassReason)));
  return `<table class="info"><tbody>${rows.join('')}</tbody></table>`;
}

function withUnit(value: string, unit: string | null): string {
  return unit ? `${value} ${unit}` : value;
}

function changesSection(sheet: RecordSheet, t: RecordText): string {
  const c = t.columns;
  const title = `<h2>${e(t.sections.changes)}${sheet.previousVersion ? `<span class="muted">${paren(sheet, e(t.changesSince(sheet.previousVersion)))}</span>` : ''}</h2>`;
  if (sheet.previousVersion === null) return `${title}<p>${e(t.noPrevious)}</p>`;
  const params = sheet.parameters.filter((p) => p.change);
  if (!params.length && !sheet.removedParameters.length && !sheet.ruleChanges.length) return `${title}<p>${e(t.noChanges)}</p>`;
  let html = title;
  html += `<h3>${e(t.parameterChanges)}</h3>`;
  if (params.length || sheet.removedParameters.length) {
    const rows = [
      ...params.map((p) => `<tr><td>${e(p.label)}<br><span class="id">${e(p.id)}</span></td><td>${e(t.changeKind[p.change!.kind])}</td>`
        + `<td class="value">${p.change!.from !== null ? `<span class="old">${e(withUnit(p.change!.from, p.unit))}</span><span class="arrow">→</span>` : ''}${e(withUnit(p.change!.to, p.unit))}</td>`
        + `<td><span class="id">${e(p.sourceId)}</span></td></tr>`),
      ...sheet.removedParameters.map((p) => `<tr><td>${e(p.label)}<br><span class="id">${e(p.id)}</span></td><td>${e(t.changeKind.removed)}</td>`
        + `<td class="value"><span class="old">${e(withUnit(p.from, p.unit))}</span></td><td></td></tr>`),
    ];
    html += `<table class="changes"><thead><tr><th>${e(c.parameter)}</th><th>${e(c.change)}</th><th>${e(c.from)} → ${e(c.to)}</th><th>${e(c.source)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  } else html += `<p>${e(t.noParameterChanges)}</p>`;
  html += `<h3>${e(t.ruleChanges)}</h3>`;
  if (sheet.ruleChanges.length) {
    html += `<table class="rules"><thead><tr><th>${e(c.change)}</th><th>${e(c.rule)}</th><th>${e(c.decision)}</th></tr></thead><tbody>${sheet.ruleChanges
      .map((r) => `<tr><td>${e(t.ruleKind[r.kind])}</td><td>${e(r.title)}<br><span class="id">${e(r.id)}</span></td><td>${e(r.decisionTitle)}</td></tr>`).join('')}</tbody></table>`;
  } else html += `<p>${e(t.noRuleChanges)}</p>`;
  return html;
}

function parametersSection(sheet: RecordSheet, t: RecordText): string {
  const c = t.columns;
  const head = `<h2>${e(t.sections.parameters)}</h2>`;
  if (!sheet.parameters.length) return `${head}<p>${e(t.noParameters)}</p>`;
  const rows = sheet.parameters.map((p, i) => {
    const mark = p.change ? `<br><span class="mark">${e(t.changedMark)}</span>` : '';
    const old = p.change?.from !== null && p.change?.from !== undefined ? `<br><span class="old">${e(withUnit(p.change.from, p.unit))}</span>` : '';
    const note = p.note ? `<br><span class="note">${e(p.note)}</span>` : '';
    return `<tr${p.change ? ' class="changed"' : ''}><td class="num">${i + 1}${mark}</td><td>${e(p.label)}<br><span class="id">${e(p.id)}</span>${note}</td>`
      + `<td class="value">${e(p.value)}${old}</td><td class="unit">${e(p.unit ?? '')}</td><td><span class="id">${e(p.sourceId)}</span></td><td>${e(t.where(p))}</td></tr>`;
  });
  return `${head}<table class="parameters"><thead><tr><th class="num">${e(c.no)}</th><th>${e(c.parameter)}</th><th>${e(c.value)}</th><th>${e(c.unit)}</th><th>${e(c.source)}</th><th>${e(c.where)}</th></tr></thead>`
    + `<tbody>${rows.join('')}</tbody></table>`;
}

function clausesSection(sheet: RecordSheet, t: RecordText): string {
  if (!sheet.clauses.length) return '';
  return `<h2>${e(t.sections.clauses)}</h2>${sheet.clauses.map((cl) => `<div class="clause"><strong class="id">${e(cl.id)}</strong> ${e(cl.document)} ${e(cl.article)}`
    + `<blockquote class="text">「${e(cl.text)}」</blockquote></div>`).join('')}`;
}

function signatures(sheet: RecordSheet, t: RecordText): string {
  const c = colon(sheet);
  return `<h2>${e(t.sections.signatures)}</h2><div class="signatures">${t.signers.map((s) => `<div><p>${e(s)}${c}<span class="line"></span></p><p>${e(t.date)}${c}<span class="line"></span></p></div>`).join('')}</div>`;
}

/** The record as a complete HTML document (UTF-8). */
export function renderRecordHtml(sheet: RecordSheet): string {
  const t = RECORD_TEXT[sheet.locale];
  const title = `${sheet.pack.name} ${t.version(sheet.version)} ${t.title}`;
  return `<!DOCTYPE html>
<html lang="${sheet.locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${css(sheet, t)}</style>
</head>
<body>
<h1>${e(t.title)}</h1>
<p class="subtitle">${e(sheet.pack.name)} · ${e(sheet.pack.townshipName)} · ${e(t.version(sheet.version))}</p>
<p class="hint">${e(t.printHint)}</p>
<h2>${e(t.sections.info)}</h2>
${infoTable(sheet, t)}
${changesSection(sheet, t)}
${parametersSection(sheet, t)}
${clausesSection(sheet, t)}
${signatures(sheet, t)}
<footer class="generated">${e(t.footer(sheet.pack.name, sheet.version))} · ${e(t.generated)} ${e(formatRecordDate(sheet.generatedAt, sheet.locale))}</footer>
</body>
</html>
`;
}
