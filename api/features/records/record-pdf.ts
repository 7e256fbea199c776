/**
 * A RecordSheet as an A4 PDF (pdfkit), with the same sections and words as the HTML view.
 * Chinese needs a CJK font embedded in the file: one is looked for when the server starts
 * (RULES_PDF_FONT, then the usual system paths); without one the PDF is refused with 503
 * PDF_FONT_MISSING and the HTML view still works. pdfkit embeds a subset of the font with a
 * ToUnicode map, so the text of the PDF can be searched and copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { ApiError } from '../../errors.js';
import { RECORD_TEXT, formatRecordDate, type RecordSheet, type RecordText } from './record-model.js';

/** A font file and, for a collection (.ttc), the PostScript names of the faces to try in order. */
export interface FontFace {
  path: string;
  faces?: string[];
}

export interface CjkFont {
  regular: FontFace;
  bold?: FontFace;
}

/** Simplified-Chinese faces of the common collections, by PostScript name. */
const SC_FACES = [
  'NotoSansCJKsc-Regular',
  'NotoSerifCJKsc-Regular',
  'SourceHanSansSC-Regular',
  'SourceHanSerifSC-Regular',
  'WenQuanYiZenHei',
  'WenQuanYiMicroHei',
  'PingFangSC-Regular',
  'MicrosoftYaHei',
  'SimSun',
];

/** Where CJK fonts live on Debian (fonts-noto-cjk, which CI installs), other Linux, macOS and Windows. */
const CANDIDATES: CjkFont[] = [
  {
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', faces: ['NotoSansCJKsc-Regular'] },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', faces: ['NotoSansCJKsc-Bold'] },
  },
  {
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', faces: ['NotoSerifCJKsc-Regular'] },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', faces: ['NotoSerifCJKsc-Bold'] },
  },
  {
    regular: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', faces: ['NotoSansCJKsc-Regular'] },
    bold: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', faces: ['NotoSansCJKsc-Bold'] },
  },
  {
    regular: { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', faces: ['NotoSansCJKsc-Regular'] },
    bold: { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc', faces: ['NotoSansCJKsc-Bold'] },
  },
  {
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf' },
  },
  { regular: { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', faces: ['WenQuanYiZenHei'] } },
  { regular: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', faces: ['WenQuanYiMicroHei'] } },
  { regular: { path: '/usr/share/fonts/truetype/arphic/uming.ttc', faces: ['ARPLUMingCN', 'AR PL UMing CN'] } },
  { regular: { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' } },
  {
    regular: { path: '/System/Library/Fonts/PingFang.ttc', faces: ['PingFangSC-Regular'] },
    bold: { path: '/System/Library/Fonts/PingFang.ttc', faces: ['PingFangSC-Semibold'] },
  },
  { regular: { path: '/System/Library/Fonts/STHeiti Light.ttc', faces: ['STHeitiSC-Light'] } },
  {
    regular: { path: 'C:\\Windows\\Fonts\\msyh.ttc', faces: ['MicrosoftYaHei'] },
    bold: { path: 'C:\\Windows\\Fonts\\msyhbd.ttc', faces: ['MicrosoftYaHei-Bold'] },
  },
  { regular: { path: 'C:\\Windows\\Fonts\\simsun.ttc', faces: ['SimSun'] } },
];

/** `RULES_PDF_FONT`: a .ttf/.otf path, or a .ttc path with `#PostScriptName` (else the usual SC faces are tried). */
function fromEnv(value: string): CjkFont {
  const hash = value.lastIndexOf('#');
  const path = hash > 0 ? value.slice(0, hash) : value;
  const face = hash > 0 ? value.slice(hash + 1) : undefined;
  return { regular: { path, faces: face ? [face] : /\.(ttc|otc)$/i.test(path) ? SC_FACES : undefined } };
}

/**
 * The CJK font for PDFs: RULES_PDF_FONT when that file exists, else the first system font found;
 * null when there is none. Only checks that files exist: a face that does not open is reported
 * when the first PDF is made.
 */
export function findCjkFont(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
): CjkFont | null {
  const configured = env.RULES_PDF_FONT?.trim();
  if (configured) {
    const font = fromEnv(configured);
    if (exists(font.regular.path)) return font;
  }
  for (const candidate of CANDIDATES) {
    if (!exists(candidate.regular.path)) continue;
    return {
      regular: candidate.regular,
      bold: candidate.bold && exists(candidate.bold.path) ? candidate.bold : undefined,
    };
  }
  return null;
}

/** 503: no CJK font on the server (the HTML record still works). */
export class PdfFontMissingError extends ApiError {
  constructor(detail?: string) {
    super(
      503,
      'PDF_FONT_MISSING',
      `No Chinese font for PDF output${detail ? ` (${detail})` : ''}: install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set RULES_PDF_FONT to a .ttf/.otf/.ttc file`,
      `服务器缺少生成 PDF 所需的中文字体${detail ? `（${detail}）` : ''}：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或将环境变量 RULES_PDF_FONT 设为中文字体文件（.ttf/.otf/.ttc）的路径。网页版对照表仍可打印。`,
      detail ? { detail } : {},
    );
  }
}

// font files are large (a CJK collection is ~20 MB): read each once per process
const fileCache = new Map<string, Buffer>();
/** the face that opened, per file, so later documents do not try the others */
const faceCache = new Map<string, string | undefined>();

function readFont(path: string): Buffer {
  let data = fileCache.get(path);
  if (!data) {
    data = readFileSync(path);
    fileCache.set(path, data);
  }
  return data;
}

/** Register `face` under `name`; false when no listed face opens. */
function registerFace(doc: PDFKit.PDFDocument, name: string, face: FontFace): boolean {
  let data: Buffer;
  try {
    data = readFont(face.path);
  } catch {
    return false;
  }
  const tries = faceCache.has(face.path) ? [faceCache.get(face.path)] : (face.faces ?? [undefined]);
  for (const family of tries) {
    try {
      doc.registerFont(name, data, family as string);
      doc.font(name); // opens the face: throws when the collection has no such face
      faceCache.set(face.path, family);
      return true;
    } catch {
      // try the next face
    }
  }
  return false;
}

const PAGE = { top: 50, bottom: 56, left: 45, right: 45 };
const COLOR = {
  text: '#000000',
  muted: '#555555',
  line: '#444444',
  head: '#eeeeee',
  changed: '#fff4d6',
  old: '#666666',
};

/** One line of a table cell. */
interface Line {
  text: string;
  bold?: boolean;
  size?: number;
  color?: string;
  strike?: boolean;
}

type Cell = Line[];

/** a row's background, or one per cell */
type Fill = string | (string | undefined)[];

interface Column {
  header: string;
  /** a share of the text width */
  width: number;
}

/** The drawing state of one document: fonts, text width, table layout with repeated headers. */
class Writer {
  readonly width: number;
  readonly bottom: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly hasBold: boolean,
  ) {
    this.width = doc.page.width - PAGE.left - PAGE.right;
    this.bottom = doc.page.height - PAGE.bottom;
  }

  font(bold = false, size = 10): this {
    this.doc.font(bold && this.hasBold ? 'bold' : 'regular').fontSize(size);
    return this;
  }

  /** Start a new page when less than `height` is left. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.x = PAGE.left;
    }
  }

  paragraph(
    text: string,
    options: { bold?: boolean; size?: number; color?: string; align?: 'left' | 'center'; gap?: number } = {},
  ): void {
    this.font(options.bold, options.size ?? 10);
    const height = this.doc.heightOfString(text, { width: this.width });
    this.ensure(Math.min(height, 60));
    this.doc
      .fillColor(options.color ?? COLOR.text)
      .text(text, PAGE.left, this.doc.y, { width: this.width, align: options.align ?? 'left' });
    this.doc.y += options.gap ?? 2;
  }

  heading(text: string, note?: string): void {
    this.ensure(60); // never a heading alone at the bottom of a page
    this.doc.y += 8;
    this.font(true, 12.5)
      .doc.fillColor(COLOR.text)
      .text(text, PAGE.left, this.doc.y, { width: this.width, continued: Boolean(note) });
    if (note) this.font(false, 10).doc.fillColor(COLOR.muted).text(`  ${note}`);
    const y = this.doc.y + 1;
    this.doc
      .moveTo(PAGE.left, y)
      .lineTo(PAGE.left + this.width, y)
      .lineWidth(1.2)
      .strokeColor(COLOR.text)
      .stroke();
    this.doc.y = y + 5;
  }

  subheading(text: string): void {
    this.ensure(40);
    this.doc.y += 3;
    this.font(true, 11).doc.fillColor(COLOR.text).text(text, PAGE.left, this.doc.y, { width: this.width });
    this.doc.y += 2;
  }

  private cellHeight(cell: Cell, width: number): number {
    return cell.reduce(
      (sum, line) => sum + this.font(line.bold, line.size ?? 9.5).doc.heightOfString(line.text || ' ', { width }),
      0,
    );
  }

  private drawRow(cells: Cell[], widths: number[], height: number, fill?: Fill): void {
    const { doc } = this;
    const top = doc.y;
    let x = PAGE.left;
    cells.forEach((cell, i) => {
      const color = Array.isArray(fill) ? fill[i] : fill;
      if (color) doc.rect(x, top, widths[i], height).fill(color);
      doc.rect(x, top, widths[i], height).lineWidth(0.6).strokeColor(COLOR.line).stroke();
      let y = top + 3;
      for (const line of cell) {
        this.font(line.bold, line.size ?? 9.5);
        doc
          .fillColor(line.color ?? COLOR.text)
          .text(line.text || ' ', x + 4, y, { width: widths[i] - 8, strike: line.strike });
        y = doc.y;
      }
      x += widths[i];
    });
    doc.x = PAGE.left;
    doc.y = top + height;
  }

  /** A table whose header row repeats at the top of every page it runs onto; rows are never split. */
  table(columns: Column[], rows: { cells: Cell[]; fill?: Fill }[], options: { header?: boolean } = {}): void {
    const widths = columns.map((c) => c.width * this.width);
    const header: Cell[] = columns.map((c) => [{ text: c.header, bold: true, size: 9.5 }]);
    const heightOf = (cells: Cell[]) => Math.max(...cells.map((cell, i) => this.cellHeight(cell, widths[i] - 8))) + 6;
    const headerHeight = options.header === false ? 0 : heightOf(header);
    const drawHeader = () => {
      if (headerHeight) this.drawRow(header, widths, headerHeight, COLOR.head);
    };
    this.ensure(headerHeight + (rows[0] ? heightOf(rows[0].cells) : 0));
    drawHeader();
    for (const row of rows) {
      const height = heightOf(row.cells);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        this.doc.y = PAGE.top;
        drawHeader();
      }
      this.drawRow(row.cells, widths, height, row.fill);
    }
    this.doc.y += 4;
  }

  /** Footer text and page numbers on every page, once the page count is known. */
  footers(left: string, page: (i: number, n: number) => string): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the bottom margin must not open a new page
      const y = doc.page.height - PAGE.bottom + 18;
      this.font(false, 8).doc.fillColor(COLOR.muted);
      doc.text(left, PAGE.left, y, { width: this.width * 0.7, lineBreak: false, height: 12, ellipsis: true });
      doc.text(page(i - range.start + 1, range.count), PAGE.left + this.width * 0.7, y, {
        width: this.width * 0.3,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = margin;
    }
  }
}

function withUnit(value: string, unit: string | null): string {
  return unit ? `${value} ${unit}` : value;
}

function colon(sheet: RecordSheet): string {
  return sheet.locale === 'zh' ? '：' : ': ';
}

function paren(sheet: RecordSheet, text: string): string {
  return sheet.locale === 'zh' ? `（${text}）` : ` (${text})`;
}

function info(w: Writer, sheet: RecordSheet, t: RecordText): void {
  const f = t.fields;
  const lang = sheet.locale;
  const rows: [string, Cell][] = [
    [f.pack, [{ text: sheet.pack.name }, { text: sheet.pack.id, size: 8, color: COLOR.muted }]],
    [f.township, [{ text: sheet.pack.townshipName }]],
    [f.version, [{ text: `${t.version(sheet.version)}${sheet.state ? paren(sheet, t.states[sheet.state]) : ''}` }]],
    [f.effectiveFrom, [{ text: formatRecordDate(sheet.effectiveFrom, lang), bold: true }]],
    [f.effectiveTo, [{ text: sheet.effectiveTo ? formatRecordDate(sheet.effectiveTo, lang) : t.openEnded }]],
    [
      f.basis,
      sheet.basis
        ? [
            { text: sheet.basis.text },
            ...(sheet.basis.date
              ? [
                  {
                    text: `${f.basisDate}${colon(sheet)}${formatRecordDate(sheet.basis.date, lang)}`,
                    color: COLOR.muted,
                  },
                ]
              : []),
          ]
        : [{ text: t.none }],
    ],
    [f.origin, [{ text: t.origin(sheet.origin, sheet.copiedFrom) }]],
    [
      f.published,
      [{ text: `${formatRecordDate(sheet.publishedAt, lang)}${sheet.publishedBy ? ` · ${sheet.publishedBy}` : ''}` }],
    ],
  ];
  if (sheet.requestedBy) rows.push([f.requestedBy, [{ text: sheet.requestedBy }]]);
  rows.push([
    f.approvals,
    sheet.approvals.length
      ? sheet.approvals.map((a) => ({
          text: `${a.username} ${t.at} ${formatRecordDate(a.at, lang)}${a.comment ? `${colon(sheet)}${a.comment}` : ''}`,
        }))
      : [{ text: t.none }],
  ]);
  if (sheet.bypassReason) rows.push([f.bypass, [{ text: sheet.bypassReason }]]);
  w.heading(t.sections.info);
  w.table(
    [
      { header: '', width: 0.26 },
      { header: '', width: 0.74 },
    ],
    rows.map(([label, value]) => ({ cells: [[{ text: label, bold: true }], value], fill: [COLOR.head, undefined] })),
    { header: false },
  );
}

function changes(w: Writer, sheet: RecordSheet, t: RecordText): void {
  w.heading(t.sections.changes, sheet.previousVersion ? t.changesSince(sheet.previousVersion) : undefined);
  if (sheet.previousVersion === null) return w.paragraph(t.noPrevious);
  const params = sheet.parameters.filter((p) => p.change);
  if (!params.length && !sheet.removedParameters.length && !sheet.ruleChanges.length) return w.paragraph(t.noChanges);
  const c = t.columns;
  w.subheading(t.parameterChanges);
  if (params.length || sheet.removedParameters.length) {
    w.table(
      [
        { header: c.parameter, width: 0.36 },
        { header: c.change, width: 0.1 },
        { header: `${c.from} → ${c.to}`, width: 0.34 },
        { header: c.source, width: 0.2 },
      ],
      [
        ...params.map((p) => ({
          cells: [
            [{ text: p.label }, { text: p.id, size: 7.5, color: COLOR.muted }],
            [{ text: t.changeKind[p.change!.kind] }],
            [
              {
                text: `${p.change!.from !== null ? `${withUnit(p.change!.from, p.unit)} → ` : ''}${withUnit(p.change!.to, p.unit)}`,
                bold: true,
              },
            ],
            [{ text: p.sourceId, size: 8.5 }],
          ],
        })),
        ...sheet.removedParameters.map((p) => ({
          cells: [
            [{ text: p.label }, { text: p.id, size: 7.5, color: COLOR.muted }],
            [{ text: t.changeKind.removed }],
            [{ text: withUnit(p.from, p.unit), strike: true, color: COLOR.old }],
            [],
          ],
        })),
      ],
    );
  } else w.paragraph(t.noParameterChanges);
  w.subheading(t.ruleChanges);
  if (!sheet.ruleChanges.length) return w.paragraph(t.noRuleChanges);
  w.table(
    [
      { header: c.change, width: 0.18 },
      { header: c.rule, width: 0.57 },
      { header: c.decision, width: 0.25 },
    ],
    sheet.ruleChanges.map((r) => ({
      cells: [
        [{ text: t.ruleKind[r.kind] }],
        [{ text: r.title }, { text: r.id, size: 7.5, color: COLOR.muted }],
        [{ text: r.decisionTitle }],
      ],
    })),
  );
}

function parameters(w: Writer, sheet: RecordSheet, t: RecordText): void {
  w.heading(t.sections.parameters);
  if (!sheet.parameters.length) return w.paragraph(t.noParameters);
  const c = t.columns;
  w.table(
    [
      { header: c.no, width: 0.07 },
      { header: c.parameter, width: 0.34 },
      { header: c.value, width: 0.15 },
      { header: c.unit, width: 0.08 },
      { header: c.source, width: 0.17 },
      { header: c.where, width: 0.19 },
    ],
    sheet.parameters.map((p, i) => ({
      fill: p.change ? COLOR.changed : undefined,
      cells: [
        [{ text: String(i + 1) }, ...(p.change ? [{ text: '★', bold: true }] : [])],
        [
          { text: p.label },
          { text: p.id, size: 7.5, color: COLOR.muted },
          ...(p.note ? [{ text: p.note, size: 8, color: COLOR.muted }] : []),
        ],
        [
          { text: p.value, bold: true },
          ...(p.change?.from != null
            ? [{ text: withUnit(p.change.from, p.unit), strike: true, color: COLOR.old, size: 8.5 }]
            : []),
        ],
        [{ text: p.unit ?? '' }],
        [{ text: p.sourceId, size: 8.5 }],
        [{ text: t.where(p), size: 8.5 }],
      ],
    })),
  );
  if (sheet.parameters.some((p) => p.change)) w.paragraph(t.changedMark, { size: 8.5, color: COLOR.muted });
}

function clauses(w: Writer, sheet: RecordSheet, t: RecordText): void {
  if (!sheet.clauses.length) return;
  w.heading(t.sections.clauses);
  for (const clause of sheet.clauses) {
    w.paragraph(`${clause.id}  ${clause.document} ${clause.article}`, { bold: true, size: 9.5, gap: 0 });
    w.paragraph(`「${clause.text}」`, { size: 9.5, gap: 5 });
  }
}

function signatures(w: Writer, sheet: RecordSheet, t: RecordText): void {
  w.ensure(130); // the heading and the signature lines stay on one page
  w.heading(t.sections.signatures);
  const { doc } = w;
  const top = doc.y + 8;
  const column = w.width / t.signers.length;
  t.signers.forEach((signer, i) => {
    const x = PAGE.left + i * column;
    for (const [row, label] of [
      [0, signer],
      [1, t.date],
    ] as const) {
      const y = top + row * 36; // room to sign by hand
      w.font(false, 10)
        .doc.fillColor(COLOR.text)
        .text(`${label}${colon(sheet)}`, x, y, { lineBreak: false });
      const start = x + doc.widthOfString(`${label}${colon(sheet)}`) + 2;
      doc
        .moveTo(start, y + 12)
        .lineTo(x + column - 14, y + 12)
        .lineWidth(0.6)
        .strokeColor(COLOR.text)
        .stroke();
    }
  });
  doc.x = PAGE.left;
  doc.y = top + 72;
}

/** The record as PDF bytes; 503 PDF_FONT_MISSING without a CJK font. */
export async function renderRecordPdf(sheet: RecordSheet, font: CjkFont | null): Promise<Buffer> {
  if (!font) throw new PdfFontMissingError();
  const t = RECORD_TEXT[sheet.locale];
  const title = `${sheet.pack.name} ${t.version(sheet.version)} ${t.title}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: title,
      Subject: t.title,
      Creator: sheet.pack.townshipName,
      CreationDate: new Date(sheet.generatedAt),
    },
    lang: sheet.locale === 'zh' ? 'zh-CN' : 'en',
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (!registerFace(doc, 'regular', font.regular))
    throw new PdfFontMissingError(`${font.regular.path} ${font.regular.faces?.join('/') ?? ''}`.trim());
  const hasBold = Boolean(font.bold && registerFace(doc, 'bold', font.bold));

  const w = new Writer(doc, hasBold);
  w.paragraph(t.title, { bold: true, size: 18, align: 'center', gap: 2 });
  w.paragraph(`${sheet.pack.name} · ${sheet.pack.townshipName} · ${t.version(sheet.version)}`, {
    size: 11,
    align: 'center',
    gap: 10,
  });
  info(w, sheet, t);
  changes(w, sheet, t);
  parameters(w, sheet, t);
  clauses(w, sheet, t);
  signatures(w, sheet, t);
  w.paragraph(
    `${t.footer(sheet.pack.name, sheet.version)} · ${t.generated} ${formatRecordDate(sheet.generatedAt, sheet.locale)}`,
    { size: 8.5, color: COLOR.muted },
  );
  w.footers(t.footer(sheet.pack.name, sheet.version), t.page);
  doc.end();
  return done;
}
