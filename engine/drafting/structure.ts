/**
 * A regulation's outline: titles (「机关考勤制度」), 第X章, 第X条, 一、, （一）, 1., (1), ①.
 * Every piece of text between two markers becomes a clause with its path, e.g.
 * 「机关考勤制度 二(二)1(1)」, and its original text.
 *
 * Markers at the start of a line are always taken. Scraped pages run whole documents into
 * one line (seed 001), so a marker inside a line is taken only when it continues the
 * numbering (「第七条」 after 「第六条」, 「2、」 after 「1、」) or opens a deeper level at 1,
 * and never right after a digit or 「第」: 「按第三条规定」 is a reference, not a heading.
 */
import type { DocumentText } from './text-input.js';
import { parseNumeral } from './numerals.js';

export type MarkerKind = 'chapter' | 'article' | 'section' | 'subsection' | 'item' | 'subitem' | 'circled';

/** Outer to inner: a marker closes every open marker of its rank or deeper. */
const RANK: Record<MarkerKind, number> = {
  chapter: 0,
  article: 1,
  section: 2,
  subsection: 3,
  item: 4,
  subitem: 5,
  circled: 6,
};

export interface Marker {
  kind: MarkerKind;
  number: number;
  /** as written, e.g. 「（二）」 */
  raw: string;
}

export interface DocumentClause {
  /** c1, c2, … in document order */
  id: string;
  /** the nearest title line above (a document inside the document, e.g. 「机关考勤制度」) */
  title?: string;
  path: Marker[];
  /** readable reference: 「机关考勤制度 二(二)1(1)」, 「第四章 七(一)」 */
  article: string;
  /** the clause's own heading when it is one (「考勤制度」 of 「三、考勤制度」) */
  heading?: string;
  original: string;
  simplified: string;
  /** offsets into the document text (original and simplified share them) */
  start: number;
  end: number;
}

const CN = '零〇一二三四五六七八九十百';
const MARKER = new RegExp(
  [
    `(?<chapter>第[${CN}\\d]+章)`,
    `(?<article>第[${CN}\\d]+条)`,
    `(?<subsection>[（(][一二三四五六七八九十]+[)）])`,
    `(?<subitem>[（(]\\d{1,2}[)）])`,
    `(?<section>[一二三四五六七八九十]+、)`,
    `(?<item>\\d{1,2}(?:[、．]|\\.(?!\\d)))`,
    `(?<circled>[①-⑳])`,
  ].join('|'),
  'g',
);

function markerNumber(kind: MarkerKind, raw: string): number {
  if (kind === 'circled') return raw.charCodeAt(0) - 0x2460 + 1;
  const inner = raw.replace(/^第|[章条、．.（()）]/g, '');
  return parseNumeral(inner) ?? 0;
}

/** A line that names a document or part: short, no sentence punctuation, no marker. */
function titleOf(line: string): string | undefined {
  const text = line.replace(/\t+\d+\s*$/, '').trim(); // table-of-contents page numbers
  if (text.length < 2 || text.length > 24) return undefined;
  if (/[。，,；;：:！？、()（）"]/.test(text) || !/[\u3400-\u9fff]/.test(text)) return undefined;
  if (/^\d/.test(text)) return undefined;
  return text.replace(/\s+/g, ' ');
}

function renderPath(title: string | undefined, path: Marker[]): string {
  const parts: string[] = [];
  let run = '';
  let last: MarkerKind | undefined;
  const flush = () => {
    if (run) parts.push(run);
    run = '';
  };
  for (const m of path) {
    if (m.kind === 'chapter' || m.kind === 'article') {
      flush();
      parts.push(m.raw);
    } else {
      const shown =
        m.kind === 'section'
          ? m.raw.replace('、', '')
          : m.kind === 'subsection' || m.kind === 'subitem'
            ? `(${m.raw.slice(1, -1)})`
            : m.kind === 'item'
              ? String(m.number)
              : m.raw;
      // 「三.3」: two bare numbers side by side need a dot to stay readable
      const bare = (k?: MarkerKind) => k === 'section' || k === 'item';
      if (run && bare(last) && bare(m.kind)) run += '.';
      run += shown;
    }
    last = m.kind;
  }
  flush();
  const ref = parts.join(' ');
  return [title, ref].filter(Boolean).join(' ') || '正文';
}

interface Boundary {
  at: number;
  /** where the clause text starts (after a title line, the next line) */
  textAt: number;
  marker?: Marker;
  title?: string;
}

export function splitClauses(doc: DocumentText): DocumentClause[] {
  const text = doc.simplified;
  const boundaries: Boundary[] = [{ at: 0, textAt: 0 }];
  let stack: Marker[] = [];
  let lastArticle = 0;
  let lastChapter = 0;
  let pendingChapterHeading = false;

  const accept = (marker: Marker, inline: boolean): boolean => {
    if (inline) {
      if (marker.kind === 'article' && marker.number !== lastArticle + 1) return false;
      if (marker.kind === 'chapter' && marker.number !== lastChapter + 1) return false;
      if (marker.kind !== 'article' && marker.kind !== 'chapter') {
        const open = stack.find((m) => m.kind === marker.kind);
        const deepest = stack.length ? RANK[stack[stack.length - 1].kind] : -1;
        const continues = open && marker.number === open.number + 1;
        const opens = !open && marker.number === 1 && RANK[marker.kind] > deepest;
        if (!continues && !opens) return false;
      }
    }
    stack = [...stack.filter((m) => RANK[m.kind] < RANK[marker.kind]), marker];
    if (marker.kind === 'article') lastArticle = marker.number;
    if (marker.kind === 'chapter') lastChapter = marker.number;
    return true;
  };

  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const title = titleOf(line);
    const startsWithMarker = (() => {
      MARKER.lastIndex = lead;
      const m = MARKER.exec(line);
      return !!m && m.index === lead;
    })();
    if (title && !startsWithMarker) {
      if (pendingChapterHeading) {
        // 「第一章」 alone on its line, its name on the next one (seed 003)
        pendingChapterHeading = false;
      } else {
        stack = [];
        lastArticle = 0;
        boundaries.push({ at: lineStart, textAt: lineStart + line.length + 1, title });
      }
      lineStart += line.length + 1;
      continue;
    }
    pendingChapterHeading = false;
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(line); m; m = MARKER.exec(line)) {
      const kind = Object.entries(m.groups!).find(([, v]) => v !== undefined)![0] as MarkerKind;
      const raw = m[0];
      const inline = m.index !== lead;
      const before = line[m.index - 1] ?? '';
      if (inline && /[\d第.．:：\-—]/.test(before)) continue;
      // an item number must be followed by text, not by another number or a unit
      const after = line[m.index + raw.length] ?? '';
      if ((kind === 'item' || kind === 'section') && inline && !/[\u3400-\u9fff“"《]/.test(after)) continue;
      const marker: Marker = { kind, number: markerNumber(kind, raw), raw };
      if (!accept(marker, inline)) continue;
      boundaries.push({ at: lineStart + m.index, textAt: lineStart + m.index + raw.length, marker: { ...marker } });
      if (kind === 'chapter' && line.slice(m.index + raw.length).trim() === '') pendingChapterHeading = true;
    }
    lineStart += line.length + 1;
  }

  // replay the boundaries to know each clause's path and title
  const clauses: DocumentClause[] = [];
  let title: string | undefined;
  let path: Marker[] = [];
  boundaries.forEach((b, i) => {
    // 「总则」「附则」 name a part, not a document: they do not prefix the articles below
    const transient = b.title !== undefined && /^[总附]\s*则$/.test(b.title);
    if (b.title !== undefined) {
      title = transient ? undefined : b.title;
      path = [];
    }
    if (b.marker) path = [...path.filter((m) => RANK[m.kind] < RANK[b.marker!.kind]), b.marker];
    const end = i + 1 < boundaries.length ? boundaries[i + 1].at : text.length;
    const start = Math.min(b.textAt, end);
    const simplified = text.slice(start, end).trim();
    if (!simplified) return;
    const original = doc.original.slice(start, end).trim();
    const firstLine = simplified.split('\n')[0].trim();
    const heading =
      firstLine.length <= 15 && !/[。；;，,]/.test(firstLine) ? firstLine.replace(/[:：]$/, '') : undefined;
    clauses.push({
      id: `c${clauses.length + 1}`,
      title,
      path: [...path],
      article: transient ? b.title!.replace(/\s+/g, '') : renderPath(title, path),
      heading,
      original,
      simplified,
      start,
      end,
    });
  });
  return clauses;
}

/** The headings of a clause's ancestors, for labels: 「考勤制度」 for 三、考勤制度 3. */
export function ancestorHeadings(clause: DocumentClause, clauses: DocumentClause[]): string[] {
  const out: string[] = [];
  for (let depth = 1; depth < clause.path.length; depth++) {
    const prefix = clause.path.slice(0, depth);
    const parent = clauses.find(
      (c) =>
        c.title === clause.title &&
        c.path.length === depth &&
        c.path.every((m, i) => m.kind === prefix[i].kind && m.number === prefix[i].number),
    );
    if (parent?.heading) out.push(parent.heading);
  }
  return out;
}
