/**
 * The drafting wizard's logic on the engine's real draft of seed 002: every parameter is tied to
 * the number it came from, clause text is cut around the numbers, edits are checked, and the
 * bundle to import keeps the accepted parameters (as edited) under the chosen township.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack, bundleSource, folderSource, type PackBundle } from '../../engine/index.js';
import { draftFromDocument, sourceIdOf } from '../../engine/drafting/index.js';
import {
  bundleToImport,
  choiceProblems,
  counts,
  decidingWord,
  initialChoices,
  linkQuantities,
  segmentsOf,
  type DraftReply,
} from '../../admin-ui/src/drafting/draftModel';

const seed = readFileSync(new URL('../../docs/seeds/002_6f04f3293e826726.txt', import.meta.url), 'utf8');
let reply: DraftReply;

beforeAll(async () => {
  const r = await draftFromDocument(
    { text: seed, name: '002.txt' },
    { township: '某镇', extends: 'base', packId: 'some-town-rules' },
  );
  // the API's reply: the outline with source ids
  reply = {
    ...r,
    validation: { valid: true, issues: [] },
    clauses: r.clauses.map((c) => ({
      id: c.id,
      sourceId: sourceIdOf(c),
      article: c.article,
      heading: c.heading,
      original: c.original,
    })),
  } as unknown as DraftReply;
});

describe('drafting wizard model', () => {
  it('ties every parameter to exactly one quantity of its clause, bounds in order', () => {
    const links = linkQuantities(reply);
    const linked = [...links.values()].flat().map((l) => l.parameterId);
    const ids = reply.bundle.parameters.parameters.map((p) => p.id);
    expect(new Set(linked).size).toBe(linked.length);
    expect(linked.sort()).toEqual([...ids].sort());
    const range = reply.quantities.find((q) => q.text === '2天以上5天以内')!;
    expect(links.get(range.id)).toEqual([
      { parameterId: 'draft.c18.days2From', role: 'lower' },
      { parameterId: 'draft.c18.days5Upto', role: 'upper' },
    ]);
    expect(decidingWord(range, 'lower')).toBe('以上');
    expect(decidingWord(range, 'upper')).toBe('以内');
    const over = reply.quantities.find((q) => q.text === '超过15天')!;
    expect(links.get(over.id)).toEqual([{ parameterId: 'draft.c20.days15From', role: 'lower' }]);
    // a time of day is a 时刻 parameter like any other threshold
    const clocks = reply.quantities.filter((x) => x.kind === 'clock');
    expect(clocks.length).toBeGreaterThan(0);
    for (const q of clocks) {
      const clockLinks = links.get(q.id)!;
      expect(clockLinks.length, q.text).toBeGreaterThan(0);
      for (const l of clockLinks)
        expect(reply.bundle.parameters.parameters.find((p) => p.id === l.parameterId)?.unit).toBe('时刻');
    }
  });

  it('cuts a clause around its numbers (offsets index the original text)', () => {
    const clause = reply.clauses.find((c) => c.sourceId === 'DRAFT-018')!;
    const qs = reply.quantities.filter((q) => q.clauseId === clause.id);
    const segments = segmentsOf(clause.original, qs);
    expect(segments.map((s) => s.text).join('')).toBe(clause.original);
    expect(segments.filter((s) => s.quantityId).map((s) => s.text)).toEqual(qs.map((q) => q.text));
    expect(
      segmentsOf('请假3天', [
        { id: 'a', start: 2, end: 4 },
        { id: 'b', start: 3, end: 4 },
      ]),
    ).toEqual([{ text: '请假' }, { text: '3天', quantityId: 'a' }]);
  });

  it('checks edits: label, number, integer, range', () => {
    const p = { type: 'integer' as const };
    const ok = { status: 'pending' as const, label: 'x', value: '3', min: '0', max: '10' };
    expect(choiceProblems(p, ok)).toEqual([]);
    expect(choiceProblems(p, { ...ok, label: ' ' }).map((x) => x.key)).toEqual(['drafting.errLabel']);
    expect(choiceProblems(p, { ...ok, value: '三' }).map((x) => x.key)).toEqual(['drafting.errNumber']);
    expect(choiceProblems(p, { ...ok, value: '2.5' }).map((x) => x.key)).toEqual(['drafting.errInteger']);
    expect(choiceProblems(p, { ...ok, min: '5', max: '4' }).map((x) => x.key)).toEqual(['drafting.errRange']);
    expect(choiceProblems(p, { ...ok, value: '11' })).toEqual([{ key: 'drafting.errMax', args: { max: 10 } }]);
    expect(choiceProblems({ type: 'number' }, { ...ok, value: '0.5', min: '' })).toEqual([]);
  });

  it('imports accepted parameters as edited, owned by the chosen township, and the bundle validates on the base', () => {
    const choices = initialChoices(reply.bundle.parameters.parameters);
    for (const c of Object.values(choices)) c.status = 'accepted';
    choices['draft.c17.times3'].status = 'rejected';
    choices['draft.c18.days1'].status = 'pending';
    choices['draft.c18.days5Upto'] = {
      ...choices['draft.c18.days5Upto'],
      label: '一般干部请假须党委书记审批的上限',
      value: '4',
      max: '30',
    };
    expect(counts(choices)).toEqual({
      pending: 1,
      accepted: reply.bundle.parameters.parameters.length - 2,
      rejected: 1,
    });

    const bundle = bundleToImport(
      reply,
      choices,
      { id: 'some-town', name: '某镇', level: 'township' },
      { id: 'some-town-cadres', name: '某镇机关管理规则包' },
    );
    const ids = bundle.parameters.parameters.map((p) => p.id);
    expect(ids).not.toContain('draft.c17.times3');
    expect(ids).not.toContain('draft.c18.days1');
    expect(bundle.parameters.parameters.find((p) => p.id === 'draft.c18.days5Upto')).toMatchObject({
      label: '一般干部请假须党委书记审批的上限',
      value: 4,
      max: 30,
      min: 0,
    });
    expect(bundle.pack).toMatchObject({
      id: 'some-town-cadres',
      name: '某镇机关管理规则包',
      owner: { id: 'some-town', name: '某镇', level: 'township' },
      extends: 'base',
    });
    expect(reply.bundle.parameters.parameters.map((p) => p.id)).toContain('draft.c17.times3'); // the reply is not changed

    const shipped = folderSource();
    const draft = bundleSource({ [bundle.pack.id]: bundle as unknown as PackBundle });
    const issues = buildPack(bundle.pack.id, {
      get: (id) => draft.get(id) ?? (shipped.get(id) as PackBundle | undefined),
    }).issues;
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
