/** Types of generate-schema-types.mjs, for the test that checks the generated files are current. */
export declare const GENERATED_DIR: string;
export declare const GENERATED_SCHEMAS: {
  file: string;
  constName: string;
  typeName?: string;
  definitions?: Record<string, string>;
  byDefinition?: boolean;
}[];
export declare function generateSchemaTypes(): Map<string, string>;
export declare function typesByDefinition(
  entry: { file: string; constName: string; typeName: string; definitions?: Record<string, string> },
  schema: object,
): { types: string[]; imports: Set<string> };
