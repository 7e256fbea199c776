/**
 * Hand-made zip archives for upload tests: .xlsx and .docx files shaped as no office program
 * would write them (millions of rows without numbers, parts that inflate to hundreds of MB).
 * A part is given as chunks that are deflated as a stream, so a huge part costs the test little memory.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

export interface Part {
  name: string;
  /** the decompressed content, as chunks (a chunk may be repeated many times) */
  chunks: Iterable<Buffer>;
  /** the size the headers claim, when it should lie (a bomb hiding from a header check) */
  declaredSize?: number;
}

async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip archive of the parts (deflated, sizes and CRCs in both headers). */
export async function zip(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const deflated = await deflate(part.chunks);
    const { data, crc } = deflated;
    const size = part.declaredSize ?? deflated.size;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `chunk` repeated `times` times, lazily. */
export function* repeat(chunk: Buffer | string, times: number): Iterable<Buffer> {
  const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8');
  for (let i = 0; i < times; i++) yield buffer;
}

const once = (text: string) => [Buffer.from(text, 'utf8')];

/** The parts every .xlsx needs around its sheet XML. */
export function xlsxParts(sheetXml: Iterable<Buffer>, extra: Part[] = []): Part[] {
  return [
    {
      name: '[Content_Types].xml',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', chunks: sheetXml },
    ...extra,
  ];
}

/** A sheet XML: head, `row` repeated `rows` times, tail. */
export function* sheetXml(row: string, rows: number, header = ''): Iterable<Buffer> {
  yield Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}`,
    'utf8',
  );
  // 10,000 rows per chunk keeps the deflater fed without a huge buffer
  const block = Buffer.from(row.repeat(10_000), 'utf8');
  for (let done = 0; done < rows; done += 10_000)
    yield done + 10_000 <= rows ? block : Buffer.from(row.repeat(rows - done), 'utf8');
  yield Buffer.from('</sheetData></worksheet>', 'utf8');
}

/** The parts of a .docx whose document.xml is `bodyXml` (inside <w:body>). */
export function docxParts(bodyXml: Iterable<Buffer>): Part[] {
  return [
    {
      name: '[Content_Types].xml',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      chunks: once(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    {
      name: 'word/document.xml',
      chunks: (function* () {
        yield Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
          'utf8',
        );
        yield* bodyXml;
        yield Buffer.from('</w:body></w:document>', 'utf8');
      })(),
    },
  ];
}

/** The hostile sheet: `rows` rows without `r` attributes, one numeric cell each (5,000,000 → ~300 KB). */
export const rowsWithoutNumbers = (rows: number, declaredSize?: number) =>
  zip(
    xlsxParts(sheetXml('<row><c><v>1</v></c></row>', rows)).map((p) =>
      p.name.startsWith('xl/worksheets/') ? { ...p, declaredSize } : p,
    ),
  );

/** A .docx whose text is `characters` characters of `char` in one paragraph. */
export const docxOfText = (char: string, characters: number, declaredSize?: number) =>
  zip(
    docxParts(
      (function* () {
        yield Buffer.from('<w:p><w:r><w:t>', 'utf8');
        yield* repeat(char.repeat(64 * 1024), Math.ceil(characters / (64 * 1024)));
        yield Buffer.from('</w:t></w:r></w:p>', 'utf8');
      })(),
    ).map((p) => (p.name === 'word/document.xml' ? { ...p, declaredSize } : p)),
  );
