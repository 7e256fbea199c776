/**
 * Trying other values of one given fact, the others held as the evaluation had them. When the
 * rules' parts are compiled and every fact they test is known, a try re-runs only the parts
 * that read the fact and consults the hit policies only when some rule flips — most tries flip
 * none. Otherwise (a fact left out, whose answer may turn undetermined, or conditions the
 * compiler cannot take) a try evaluates the decision again, as evaluation would.
 */
import { answerFor, answerFrom, type Answer } from './answer.js';
import type { NearbyModel } from './model.js';
import { partsReading } from './parts.js';
import { partTruths } from './prune.js';

export class Trial {
  /** the evaluation's answer; undefined when evaluation would refuse its facts */
  readonly base: Answer | undefined;
  /** whether each part of each rule holds for the evaluation's facts */
  readonly truths: boolean[];
  /** the given facts (derived ones left out) */
  readonly given: Record<string, unknown>;
  readonly #model: NearbyModel;
  /** the evaluation's facts, derived ones included: changed in place for one try at a time */
  readonly #all: Record<string, unknown>;
  readonly #fast: boolean;

  constructor(model: NearbyModel, facts: Record<string, unknown>) {
    this.#model = model;
    this.given = {};
    for (const name in facts) if (!model.derivedIds.has(name)) this.given[name] = facts[name];
    this.#all = Object.assign({}, facts);
    this.truths = partTruths(model, this.#all);
    const matched: boolean[] = [];
    for (const parts of model.parts.partsOf) {
      let holds = true;
      for (let i = 0; i < parts.length && holds; i++) holds = this.truths[parts[i]];
      matched.push(holds);
    }
    this.base = answerFrom(model, this.#all, matched);
    this.#fast = !!this.base && !this.base.unknown && !!model.parts.matchAll;
  }

  /** The answer with `fact` set to `value`: `base` itself when the same rules win; undefined as `answerFor`. */
  answerWith(fact: string, value: unknown): Answer | undefined {
    const model = this.#model;
    const reading = this.#fast ? partsReading(model, model.parts, fact) : undefined;
    if (!reading) {
      const probe = Object.assign({}, this.given);
      probe[fact] = value;
      return answerFor(model, probe, this.base);
    }
    const base = this.base!;
    let all = this.#all;
    const before = all[fact];
    if (model.dependents.has(fact)) {
      const probe = Object.assign({}, this.given);
      probe[fact] = value;
      all = model.decision.derive(probe);
    } else all[fact] = value;
    try {
      const truths = reading.match(all);
      let matched: boolean[] | undefined;
      for (const { rule, parts, rerun } of reading.rules) {
        let holds = true;
        for (let i = 0; i < parts.length && holds; i++) holds = rerun[i] >= 0 ? truths[rerun[i]] : this.truths[parts[i]];
        if (holds !== base.matched[rule.order]) (matched ??= base.matched.slice())[rule.order] = holds;
      }
      // no rule flips: every rule answers as before, so the answer is the evaluation's own
      return matched ? answerFrom(model, all, matched, base) : base;
    } finally {
      this.#all[fact] = before;
    }
  }
}
