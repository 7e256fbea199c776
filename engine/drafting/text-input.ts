/**
 * A regulation document as text: .docx (via mammoth), .txt, .md or pasted text. The original
 * characters are kept for citations; a simplified-Chinese copy of the same length is made for
 * matching, so that one offset points into both (seed 003 is in traditional characters).
 */
import mammoth from 'mammoth';
import * as OpenCC from 'opencc-js';
import { scanZip, ZipScanError } from '../archive/zip-scan.js';
import { EngineError } from '../errors.js';
import { toHalfWidthDigits } from './numerals.js';

/**
 * Limits on a document, checked before the costly steps: the .docx archive is inflated as a
 * stream and counted before mammoth reads it (a 1 MB .docx can expand to gigabytes), and the
 * text is measured before it is split into clauses. The longest shipped regulation is ~18,000
 * characters; 200,000 leaves room for a whole handbook and drafts in about a second.
 */
export const DOCUMENT_LIMITS = {
  /** characters of text, after extraction and cleaning */
  characters: 200_000,
  /** all parts of a .docx once decompressed (text, styles, embedded images) */
  unzippedBytes: 64 * 1024 * 1024,
  /** files inside a .docx archive */
  entries: 2_000,
};

/** The file could not be read as a document: nothing was drafted. */
export class DocumentUnreadableError extends EngineError {
  constructor(
    readonly fileName: string | undefined,
    reason: string,
    reasonZh: string,
  ) {
    super(
      'DOCUMENT_UNREADABLE',
      `Cannot read ${fileName ?? 'the document'}: ${reason}`,
      `无法读取${fileName ? `文档「${fileName}」` : '文档'}：${reasonZh}`,
    );
  }
}

/** The document is over one of DOCUMENT_LIMITS: nothing was drafted. */
export class DocumentTooLargeError extends EngineError {
  constructor(
    readonly fileName: string | undefined,
    readonly limit: { name: string; value: number },
    reason: string,
    reasonZh: string,
  ) {
    super(
      'DOCUMENT_TOO_LARGE',
      `${fileName ?? 'The document'} is too large: ${reason}`,
      `${fileName ? `文档「${fileName}」` : '文档'}过大：${reasonZh}`,
    );
  }
}

export type DocumentFormat = 'docx' | 'txt' | 'md' | 'text';

export type DocumentInput = { text: string; name?: string } | { data: Uint8Array; name?: string; contentType?: string };

export interface DocumentText {
  name?: string;
  format: DocumentFormat;
  /** the cleaned original text: what citations quote */
  original: string;
  /** the same text in simplified characters, same length, offsets shared with `original` */
  simplified: string;
  /** the text was (partly) in traditional characters */
  traditional: boolean;
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const isZip = (data: Uint8Array) => ZIP_MAGIC.every((b, i) => data[i] === b);

function formatOf(input: DocumentInput): DocumentFormat {
  const name = (input.name ?? '').toLowerCase();
  if ('text' in input) return name.endsWith('.md') ? 'md' : 'text';
  const type = (input.contentType ?? '').toLowerCase();
  if (name.endsWith('.docx') || type.includes('wordprocessingml') || isZip(input.data)) return 'docx';
  if (name.endsWith('.md') || type.includes('markdown')) return 'md';
  return 'txt';
}

/** UTF-8 first (with or without BOM), then GB18030, which older office PCs still save. */
function decodeText(data: Uint8Array, name?: string): string {
  if (data.includes(0))
    throw new DocumentUnreadableError(
      name,
      'binary content (NUL bytes), not a text file',
      '内容为二进制数据，不是文本文件，也不是 .docx 文档',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(data);
    } catch {
      throw new DocumentUnreadableError(
        name,
        'neither UTF-8 nor GB18030 text',
        '文字编码无法识别（既不是 UTF-8 也不是 GB18030）',
      );
    }
  }
}

/** Inflate the archive as a stream and count: a zip bomb is refused before mammoth expands it. */
async function checkDocxLimits(data: Uint8Array, name?: string): Promise<void> {
  try {
    await scanZip(data, { entries: DOCUMENT_LIMITS.entries, bytes: DOCUMENT_LIMITS.unzippedBytes });
  } catch (error) {
    if (!(error instanceof ZipScanError)) throw error;
    if (error.reason === 'unreadable')
      throw new DocumentUnreadableError(name, error.message, '.docx 文件已损坏，无法解析其中的文字');
    if (error.reason === 'entries') {
      throw new DocumentTooLargeError(
        name,
        { name: 'entries', value: DOCUMENT_LIMITS.entries },
        `more than ${DOCUMENT_LIMITS.entries} parts in the archive`,
        `文件内部组成部分超过 ${DOCUMENT_LIMITS.entries} 个，不是正常的 .docx 文档`,
      );
    }
    const mib = DOCUMENT_LIMITS.unzippedBytes / 2 ** 20;
    throw new DocumentTooLargeError(
      name,
      { name: 'unzippedBytes', value: DOCUMENT_LIMITS.unzippedBytes },
      `more than ${mib} MiB once decompressed`,
      `解压后超过 ${mib} MB 的上限`,
    );
  }
}

async function docxText(data: Uint8Array, name?: string): Promise<string> {
  if (!isZip(data))
    throw new DocumentUnreadableError(
      name,
      'not a .docx file (no zip signature)',
      '不是有效的 .docx 文件（文件已损坏或格式不符）',
    );
  await checkDocxLimits(data, name);
  try {
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    });
    return value;
  } catch (error) {
    throw new DocumentUnreadableError(
      name,
      `mammoth: ${(error as Error).message}`,
      '.docx 文件已损坏，无法解析其中的文字',
    );
  }
}

/**
 * Scraping noise and markup that are not part of the regulation: pinyin glosses after
 * characters (「務(wù)」 in seed 003), markdown headings/emphasis, Windows line ends.
 */
export function cleanText(text: string, format: DocumentFormat): string {
  let out = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  out = out.replace(
    /([\u3400-\u9fff])\((?=[^)]*[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ])[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)/g,
    '$1',
  );
  if (format === 'md')
    out = out
      .replace(/^#{1,6}\s*/gm, '')
      .replace(/\*\*|__/g, '')
      .replace(/^\s*[-*+]\s+/gm, '');
  return out;
}

/** Simplified copy of exactly the same length: whole text first, character by character if that changes lengths. */
export function simplifiedSameLength(original: string): string {
  // full-width digits and dots become ASCII too (「１．」 is an outline marker): same length
  const text = toHalfWidthDigits(original);
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  return [...text]
    .map((ch) => {
      const s = toSimplified(ch);
      return s.length === ch.length ? s : ch;
    })
    .join('');
}

export async function readDocument(input: DocumentInput): Promise<DocumentText> {
  const format = formatOf(input);
  let raw: string;
  if ('text' in input) raw = input.text;
  else if (format === 'docx') raw = await docxText(input.data, input.name);
  else raw = decodeText(input.data, input.name);
  if (typeof raw !== 'string') throw new DocumentUnreadableError(input.name, 'no text', '没有文字内容');
  if (raw.length > DOCUMENT_LIMITS.characters) {
    throw new DocumentTooLargeError(
      input.name,
      { name: 'characters', value: DOCUMENT_LIMITS.characters },
      `${raw.length} characters, over the limit of ${DOCUMENT_LIMITS.characters}; split it into several documents`,
      `共 ${raw.length} 字，超过 ${DOCUMENT_LIMITS.characters} 字的上限，请拆分为多个文档分别起草`,
    );
  }
  const original = cleanText(raw, format);
  if (!/[\u3400-\u9fff]/.test(original)) {
    throw new DocumentUnreadableError(
      input.name,
      original.trim() ? 'no Chinese text found' : 'the document is empty',
      original.trim() ? '文档中没有中文内容' : '文档为空',
    );
  }
  const simplified = simplifiedSameLength(original);
  return { name: input.name, format, original, simplified, traditional: simplified !== toHalfWidthDigits(original) };
}
