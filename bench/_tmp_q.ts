import { readFileSync } from 'node:fs';
import { readDocument } from '../engine/drafting/text-input.js';
import { splitClauses } from '../engine/drafting/structure.js';
import { extractQuantities } from '../engine/drafting/quantities.js';
const f = process.argv[2];
const doc = await readDocument({ data: readFileSync(f), name: f });
for (const c of splitClauses(doc)) for (const q of extractQuantities(c)) console.log(c.article, '|', q.text, '|', q.unit, q.kind, q.reading, '|', q.words.join(','), '|', q.period ?? '', q.aggregate ?? '', q.tier ? 'TIER' : '', q.limit ? 'LIMIT' : '', '|', q.subject, '|', q.notes.join(';'));
