/**
 * Trying other values of one given fact, the others held as the evaluation had them. A try
 * re-runs only the compiled parts of the rules that read the fact; only those rules can flip,
 * and only those can open or close on a fact left out (which facts are missing is the same for
 * every try). When nothing flips the answer is the evaluation's own; otherwise the hit policies
 * decide as in evaluation. Conditions the compiler cannot take are evaluated again whole.
 */
import type { CompiledRule } from '../compile/compile.js';
import { isOpen, type OpenRules } from '../undetermined/open-rules.js';
import type { UnknownFacts } from '../undetermined/unknown-facts.js';
import { answerFor, answerFrom, type Answer } from './answer.js';
import type { NearbyModel } from './model.js';
import { matchedFrom, partsReading } from './parts.js';
import { partTruths } from './prune.js';

/**
 * What an open rule hinges on, left unnamed: an answer here keeps only which rules are pending,
 * never the facts they wait for, so naming them would be work thrown away.
 */
const UNNAMED: string[] = [];

export class Trial {
  /** the evaluation's answer; undefined when evaluation would refuse its facts */
  readonly base: Answer | undefined;
  /** whether each part of each rule holds for the evaluation's facts */
  readonly truths: boolean[];
  /** the evaluation's facts, derived ones included, as it had them */
  readonly #facts: Record<string, unknown>;
  #given: Record<string, unknown> | undefined;
  readonly #model: NearbyModel;
  /** the evaluation's facts, derived ones included: changed in place for one try at a time */
  readonly #all: Record<string, unknown>;
  readonly #unknown: UnknownFacts | undefined;
  #open: OpenRules | undefined;
  /** per part, asked for when first needed: 1 when it reads no fact left out (a false one then makes its rule certainly false, not open), 0 when it does */
  readonly #known: (0 | 1 | undefined)[] = [];

  constructor(model: NearbyModel, facts: Record<string, unknown>) {
    this.#model = model;
    this.#facts = facts;
    this.#all = Object.assign({}, facts);
    this.truths = partTruths(model, this.#all);
    const matched = matchedFrom(model.parts, this.truths);
    this.#unknown = model.decision.unknownFacts(this.#all);
    if (this.#unknown) {
      const find = model.decision.findOpenRules;
      const bits = this.#unknown.exactBits;
      if (find && bits !== undefined) {
        // the decision's compiled finder, as evaluation asks it
        for (const rule of find(this.#all, bits, matched) ?? []) (this.#open ??= new Map()).set(rule, UNNAMED);
      } else {
        for (const { rule } of model.rules)
          if (!matched[rule.order] && this.#opens(rule, this.truths, this.#all))
            (this.#open ??= new Map()).set(rule, UNNAMED);
      }
    }
    this.base = answerFrom(model, this.#all, matched, undefined, { unknown: !!this.#unknown, open: this.#open });
  }

  /** The value the evaluation had for a given fact. */
  current(fact: string): unknown {
    return this.#facts[fact];
  }

  /** The given facts (derived ones left out), copied when a try first needs them. */
  get #givenFacts(): Record<string, unknown> {
    if (!this.#given) {
      const model = this.#model;
      // with no derived facts the given facts are the evaluation's: read, never changed
      if (model.derivedIds.size === 0) this.#given = this.#facts;
      else {
        this.#given = {};
        for (const name in this.#facts) if (!model.derivedIds.has(name)) this.#given[name] = this.#facts[name];
      }
    }
    return this.#given;
  }

  /** The answer with `fact` set to `value`: `base` itself when the same rules win; undefined as `answerFor`. */
  answerWith(fact: string, value: unknown): Answer | undefined {
    const model = this.#model;
    const reading = model.parts.matchAll ? partsReading(model, model.parts, fact) : undefined;
    if (!reading) {
      const probe = Object.assign({}, this.#givenFacts);
      probe[fact] = value;
      return answerFor(model, probe, this.base);
    }
    const base = this.base!;
    let all = this.#all;
    const before = all[fact];
    if (model.dependents.has(fact)) {
      // derive copies what it is given: the given facts lend themselves for the moment
      const given = this.#givenFacts;
      const was = given[fact];
      given[fact] = value;
      all = model.decision.derive(given);
      given[fact] = was;
    } else all[fact] = value;
    try {
      const truths = reading.match(all);
      let matched: boolean[] | undefined;
      let open: OpenRules | undefined;
      for (const { rule, parts, rerun } of reading.rules) {
        let holds = true;
        for (let i = 0; i < parts.length && holds; i++)
          holds = rerun[i] >= 0 ? truths[rerun[i]] : this.truths[parts[i]];
        if (holds !== base.matched[rule.order]) (matched ??= base.matched.slice())[rule.order] = holds;
        if (!this.#unknown) continue;
        // a rule that reads the fact may open or close on the facts left out
        const opens = !holds && this.#opens(rule, truths, all, rerun);
        if (opens !== (this.#open?.has(rule) ?? false)) {
          open ??= new Map(this.#open);
          if (opens) open.set(rule, UNNAMED);
          else open.delete(rule);
        }
      }
      // nothing flips and nothing opens or closes: every rule answers as before, so the answer is the evaluation's own
      if (!matched && !open) return base;
      return answerFrom(model, all, matched ?? base.matched, base, {
        unknown: !!this.#unknown,
        open: open ?? this.#open,
      });
    } finally {
      this.#all[fact] = before;
    }
  }

  /**
   * `isOpen` for a rule that does not match, but first the cheap certain case: a false part
   * that reads no fact left out makes the rule false whatever they are.
   */
  #opens(rule: CompiledRule, truths: boolean[], all: Record<string, unknown>, rerun?: number[]): boolean {
    const parts = this.#model.parts.partsOf[rule.order];
    for (let i = 0; i < parts.length; i++) {
      const holds = rerun && rerun[i] >= 0 ? truths[rerun[i]] : this.truths[parts[i]];
      if (!holds && this.#isKnown(parts[i])) return false;
    }
    return isOpen(rule, all, this.#unknown!);
  }

  #isKnown(part: number): boolean {
    let known = this.#known[part];
    if (known === undefined) {
      known = 1;
      for (const fact of this.#model.parts.parts[part].facts) if (this.#unknown!.has(fact)) known = 0;
      this.#known[part] = known;
    }
    return known === 1;
  }
}
