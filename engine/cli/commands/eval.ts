import { readFileSync } from 'node:fs';
import {
  EngineError,
  FactsInvalidError,
  evaluate,
  evaluationFields,
  explain,
  loadPack,
  nearby,
  renderOutcome,
} from '../../index.js';
import { bad, bold, dim, output } from '../format.js';
import { selectPacks, type CommonOptions } from '../packs.js';

/** `rules eval <pack> <decision> [facts]`: facts as inline JSON, or `--facts <file>`. */
export async function evalCommand(
  pack: string,
  decision: string,
  factsJson: string | undefined,
  options: CommonOptions & { facts?: string; locale?: string; nearby?: boolean },
): Promise<number> {
  const { source } = selectPacks([pack], options);
  const text = options.facts ? readFileSync(options.facts, 'utf8') : factsJson;
  if (!text) throw new Error('give the facts as JSON, e.g. \'{"days": 3}\', or --facts <file>');
  let facts: Record<string, unknown>;
  try {
    facts = JSON.parse(text);
  } catch (error) {
    throw new Error(`facts are not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const locale = options.locale === 'en' ? 'en' : 'zh';
  try {
    const compiled = loadPack(pack, source);
    const evaluation = await evaluate(compiled, decision, facts);
    const explanation = explain(evaluation, locale);
    const changes = options.nearby ? nearby(compiled, evaluation, { locale }) : undefined;
    output(!!options.json, { ...evaluationFields(evaluation), explanation, ...(changes && { nearby: changes }) }, () =>
      [
        bold(explanation.summary),
        ...evaluation.outcomes.map((o) => `  • ${renderOutcome(o, locale)}`),
        ...explanation.lines.map((l) => dim(`  ${l}`)),
        ...explanation.undetermined.map((l) => `  ? ${l}`),
        ...(changes
          ? [
              bold(locale === 'zh' ? '怎样会不同：' : 'What would change the answer:'),
              ...changes.map((c) => `  • ${c.text[locale]}`),
            ]
          : []),
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    const details = error instanceof FactsInvalidError ? error.errors : undefined;
    output(
      !!options.json,
      { error: { code: error.code, message: error.message, messageZh: error.messageZh, details } },
      () =>
        `${bad('error')} ${error.code}: ${locale === 'zh' ? error.messageZh : error.message}` +
        (details
          ? '\n' + details.map((d) => `  ${d.path || '/'}: ${locale === 'zh' ? d.messageZh : d.message}`).join('\n')
          : ''),
    );
    return 1;
  }
}
