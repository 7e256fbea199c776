/** HTML parsed as a browser parses it (jsdom, which ships no type declarations). */
import { createRequire } from 'node:module';

const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (markup: string) => { window: Window } };

export function parseHtml(markup: string): Document {
  return new JSDOM(markup).window.document;
}
