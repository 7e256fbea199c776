/**
 * The JSON Schemas under schemas/ as OpenAPI components: every file reachable from the route
 * table becomes `components.schemas.<file>` (its root) and `<file>.<Definition>` (each
 * definition), and every `$ref` between files is rewritten to point at those components, so
 * the document stands alone (Swagger UI and validators need no access to schemas/).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../../engine/index.js';

type Schema = Record<string, unknown>;

interface SchemaFile {
  /** component name prefix: `bundle`, `facts.leaveApproval`, `api.users` */
  name: string;
  schema: Schema;
}

function readDir(dir: string, prefix: string): SchemaFile[] {
  return readdirSync(join(SCHEMAS_DIR, dir))
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => ({
      name: prefix + f.replace(/\.schema\.json$/, ''),
      schema: JSON.parse(readFileSync(join(SCHEMAS_DIR, dir, f), 'utf8')),
    }));
}

/** Every schema file by its `$id`. */
const FILES = new Map<string, SchemaFile>(
  [...readDir('.', ''), ...readDir('facts', 'facts.'), ...readDir('api', 'api.')].map((file) => [
    file.schema.$id as string,
    file,
  ]),
);

const COMPONENTS = '#/components/schemas/';

/** The component a JSON pointer into a file names: a definition, or a place in the file's root. */
function componentRef(file: SchemaFile, fragment: string): string {
  const [, first, name, ...rest] = fragment.split('/');
  if (first === 'definitions' && name) return COMPONENTS + [`${file.name}.${name}`, ...rest].join('/');
  return COMPONENTS + file.name + fragment;
}

export class ComponentCollector {
  readonly schemas: Record<string, Schema> = {};
  private readonly included = new Set<string>();

  /** The `$ref` for a schema named relative to `base` (a file's `$id`), including its file. */
  ref(reference: string, base: string): string {
    const url = new URL(reference, base);
    const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    const file = FILES.get(url.href);
    if (!file) throw new Error(`schema ${url.href} (from ${reference}) is not under schemas/`);
    this.include(file);
    return componentRef(file, fragment);
  }

  private include(file: SchemaFile): void {
    if (this.included.has(file.name)) return;
    this.included.add(file.name);
    const base = file.schema.$id as string;
    const { $schema: _s, $id: _i, definitions, ...root } = file.schema;
    this.schemas[file.name] = this.rewrite(root, base) as Schema;
    for (const [name, definition] of Object.entries((definitions ?? {}) as Record<string, Schema>)) {
      this.schemas[`${file.name}.${name}`] = this.rewrite(definition, base) as Schema;
    }
  }

  /** A copy with every `$ref` pointing at a component (local refs stay in their file). */
  private rewrite(node: unknown, base: string): unknown {
    if (Array.isArray(node)) return node.map((n) => this.rewrite(n, base));
    if (typeof node !== 'object' || node === null) return node;
    const out: Schema = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string' ? this.ref(value, base) : this.rewrite(value, base);
    }
    return out;
  }
}
