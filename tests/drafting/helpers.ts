import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDocument } from '../../engine/drafting/text-input.js';
import { splitClauses } from '../../engine/drafting/structure.js';
import { extractQuantities, type Quantity } from '../../engine/drafting/quantities.js';

export const SEEDS = fileURLToPath(new URL('../../docs/seeds/', import.meta.url));
export const seed = (name: string) => readFileSync(SEEDS + name, 'utf8');

/** Every quantity of a pasted text. */
export async function quantitiesOf(text: string): Promise<Quantity[]> {
  const doc = await readDocument({ text });
  return splitClauses(doc).flatMap((c) => extractQuantities(c));
}

/** The one quantity of a short text (fails the test when there is not exactly one). */
export async function onlyQuantity(text: string): Promise<Quantity> {
  const all = (await quantitiesOf(text)).filter((q) => q.kind !== 'clock');
  if (all.length !== 1)
    throw new Error(`expected one quantity in 「${text}」, got ${all.map((q) => q.text).join(', ') || 'none'}`);
  return all[0];
}
