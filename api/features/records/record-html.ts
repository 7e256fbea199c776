/**
 * A RecordSheet as one standalone HTML document: inline CSS, no scripts, no navigation, laid out
 * for A4 (table headers repeat on every printed page, rows never split, page numbers in the
 * bottom margin). What a browser prints is what an office files with the meeting minutes.
 */
import { css, html, styleElement, type SafeCss, type SafeHtml } from '../../http/html-template.js';
import { RECORD_TEXT, formatRecordDate, type RecordSheet, type RecordText } from './record-model.js';

/**
 * What the document itself allows, wherever it is shown (also in the UI's frame, where the
 * route's header does not reach): nothing is loaded and nothing runs.
 */
export const RECORD_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function styleSheet(sheet: RecordSheet, t: RecordText): SafeCss {
  const page =
    sheet.locale === 'zh'
      ? css`${'第 '} counter(page) ${' 页 / 共 '} counter(pages) ${' 页'}`
      : css`${'page '} counter(page) ${' of '} counter(pages)`;
  return css`
@page { size: A4; margin: 18mm 15mm 20mm 15mm;
  @bottom-left { content: ${t.footer(sheet.pack.name, sheet.version)}; font-size: 8pt; color: #555; }
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

function withUnit(value: string, unit: string | null): string {
  return unit ? `${value} ${unit}` : value;
}

function row(label: string, value: SafeHtml | string): SafeHtml {
  return html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

/** A clause id; on screen, pointing at it shows the document and article it stands for. */
function clauseRef(sheet: RecordSheet, sourceId: string): SafeHtml {
  const clause = sheet.clauses.find((c) => c.id === sourceId);
  return clause
    ? html`<span class="id" title="${`${clause.document} ${clause.article}`}">${sourceId}</span>`
    : html`<span class="id">${sourceId}</span>`;
}

function infoTable(sheet: RecordSheet, t: RecordText): SafeHtml {
  const f = t.fields;
  const lang = sheet.locale;
  const rows = [
    row(f.pack, html`${sheet.pack.name} <span class="id">${sheet.pack.id}</span>`),
    row(f.township, sheet.pack.townshipName),
    row(f.version, `${t.version(sheet.version)}${sheet.state ? paren(sheet, t.states[sheet.state]) : ''}`),
    row(f.effectiveFrom, formatRecordDate(sheet.effectiveFrom, lang)),
    row(f.effectiveTo, sheet.effectiveTo ? formatRecordDate(sheet.effectiveTo, lang) : t.openEnded),
    row(
      f.basis,
      sheet.basis
        ? html`${sheet.basis.text}${sheet.basis.date && html`<br><span class="muted">${f.basisDate}${colon(sheet)}${formatRecordDate(sheet.basis.date, lang)}</span>`}`
        : t.none,
    ),
    row(f.origin, t.origin(sheet.origin, sheet.copiedFrom)),
    row(
      f.published,
      `${formatRecordDate(sheet.publishedAt, lang)}${sheet.publishedBy ? ` · ${sheet.publishedBy}` : ''}`,
    ),
  ];
  if (sheet.requestedBy) rows.push(row(f.requestedBy, sheet.requestedBy));
  rows.push(
    row(
      f.approvals,
      sheet.approvals.length
        ? html`${sheet.approvals.map((a, i) => html`${i > 0 && html`<br>`}${a.username} ${t.at} ${formatRecordDate(a.at, lang)}${a.comment && `${colon(sheet)}${a.comment}`}`)}`
        : t.none,
    ),
  );
  if (sheet.bypassReason) rows.push(row(f.bypass, sheet.bypassReason));
  return html`<table class="info"><tbody>${rows}</tbody></table>`;
}

function changesSection(sheet: RecordSheet, t: RecordText): SafeHtml {
  const c = t.columns;
  const title = html`<h2>${t.sections.changes}${sheet.previousVersion && html`<span class="muted">${paren(sheet, t.changesSince(sheet.previousVersion))}</span>`}</h2>`;
  if (sheet.previousVersion === null) return html`${title}<p>${t.noPrevious}</p>`;
  const params = sheet.parameters.filter((p) => p.change);
  if (!params.length && !sheet.removedParameters.length && !sheet.ruleChanges.length)
    return html`${title}<p>${t.noChanges}</p>`;
  const changedRows = params.map(
    ({ change, ...p }) =>
      html`<tr>${[
        html`<td>${p.label}<br><span class="id">${p.id}</span></td><td>${t.changeKind[change!.kind]}</td>`,
        html`<td class="value">${change!.from !== null && html`<span class="old">${withUnit(change!.from, p.unit)}</span><span class="arrow">→</span>`}${withUnit(change!.to, p.unit)}</td>`,
        html`<td>${clauseRef(sheet, p.sourceId)}</td>`,
      ]}</tr>`,
  );
  const removedRows = sheet.removedParameters.map(
    (p) =>
      html`<tr>${[
        html`<td>${p.label}<br><span class="id">${p.id}</span></td><td>${t.changeKind.removed}</td>`,
        html`<td class="value"><span class="old">${withUnit(p.from, p.unit)}</span></td><td></td>`,
      ]}</tr>`,
  );
  const parameterChanges =
    changedRows.length || removedRows.length
      ? html`<table class="changes"><thead><tr><th>${c.parameter}</th><th>${c.change}</th><th>${c.from} → ${c.to}</th><th>${c.source}</th></tr></thead><tbody>${changedRows}${removedRows}</tbody></table>`
      : html`<p>${t.noParameterChanges}</p>`;
  const ruleChanges = sheet.ruleChanges.length
    ? html`<table class="rules"><thead><tr><th>${c.change}</th><th>${c.rule}</th><th>${c.decision}</th></tr></thead><tbody>${sheet.ruleChanges.map(
        (r) =>
          html`<tr><td>${t.ruleKind[r.kind]}</td><td>${r.title}<br><span class="id">${r.id}</span></td><td>${r.decisionTitle}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${t.noRuleChanges}</p>`;
  return html`${title}<h3>${t.parameterChanges}</h3>${parameterChanges}<h3>${t.ruleChanges}</h3>${ruleChanges}`;
}

function parametersSection(sheet: RecordSheet, t: RecordText): SafeHtml {
  const c = t.columns;
  const head = html`<h2>${t.sections.parameters}</h2>`;
  if (!sheet.parameters.length) return html`${head}<p>${t.noParameters}</p>`;
  const rows = sheet.parameters.map((p, i) => {
    const from = p.change?.from;
    const cells = [
      html`<td class="num">${i + 1}${p.change && html`<br><span class="mark">${t.changedMark}</span>`}</td>`,
      html`<td>${p.label}<br><span class="id">${p.id}</span>${p.note && html`<br><span class="note">${p.note}</span>`}</td>`,
      html`<td class="value">${p.value}${from !== null && from !== undefined && html`<br><span class="old">${withUnit(from, p.unit)}</span>`}</td>`,
      html`<td class="unit">${p.unit}</td><td>${clauseRef(sheet, p.sourceId)}</td><td>${t.where(p)}</td>`,
    ];
    return p.change ? html`<tr class="changed">${cells}</tr>` : html`<tr>${cells}</tr>`;
  });
  const header = html`<tr><th class="num">${c.no}</th><th>${c.parameter}</th><th>${c.value}</th><th>${c.unit}</th><th>${c.source}</th><th>${c.where}</th></tr>`;
  return html`${head}<table class="parameters"><thead>${header}</thead><tbody>${rows}</tbody></table>`;
}

function clausesSection(sheet: RecordSheet, t: RecordText): SafeHtml | null {
  if (!sheet.clauses.length) return null;
  const clauses = sheet.clauses.map(
    (cl) =>
      html`<div class="clause"><strong class="id">${cl.id}</strong> ${cl.document} ${cl.article}<blockquote class="text">「${cl.text}」</blockquote></div>`,
  );
  return html`<h2>${t.sections.clauses}</h2>${clauses}`;
}

function signatures(sheet: RecordSheet, t: RecordText): SafeHtml {
  const c = colon(sheet);
  return html`<h2>${t.sections.signatures}</h2><div class="signatures">${t.signers.map((s) => html`<div><p>${s}${c}<span class="line"></span></p><p>${t.date}${c}<span class="line"></span></p></div>`)}</div>`;
}

/** The record as a complete HTML document (UTF-8). */
export function renderRecordHtml(sheet: RecordSheet): string {
  const t = RECORD_TEXT[sheet.locale];
  return html`<!DOCTYPE html>
<html lang="${sheet.locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${RECORD_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${sheet.pack.name} ${t.version(sheet.version)} ${t.title}</title>
${styleElement(styleSheet(sheet, t))}
</head>
<body>
<h1>${t.title}</h1>
<p class="subtitle">${sheet.pack.name} · ${sheet.pack.townshipName} · ${t.version(sheet.version)}</p>
<p class="hint">${t.printHint}</p>
<h2>${t.sections.info}</h2>
${infoTable(sheet, t)}
${changesSection(sheet, t)}
${parametersSection(sheet, t)}
${clausesSection(sheet, t)}
${signatures(sheet, t)}
<footer class="generated">${t.footer(sheet.pack.name, sheet.version)} · ${t.generated} ${formatRecordDate(sheet.generatedAt, sheet.locale)}</footer>
</body>
</html>
`.toString();
}
