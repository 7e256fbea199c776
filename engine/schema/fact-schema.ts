/**
 * The shape of a decision's fact schema (schemas/facts/*.schema.json): the JSON Schema keywords
 * those files use and the `x-` words the engine and the admin UI read (unit, code labels).
 */
export interface FactPropertySchema {
  title?: string;
  description?: string;
  type?: 'number' | 'integer' | 'boolean' | 'string' | 'array' | 'object';
  /** the allowed codes of an enum fact */
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  items?: FactPropertySchema;
  properties?: Record<string, FactPropertySchema>;
  required?: string[];
  additionalProperties?: boolean | FactPropertySchema;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** what an optional fact left out reads as (a yes/no fact without one reads as 否) */
  default?: unknown;
  /** a vocabulary definition, e.g. `../vocabulary.schema.json#/definitions/role` */
  $ref?: string;
  'x-unit'?: string;
  'x-labels'?: Record<string, string>;
  'x-labels-en'?: Record<string, string>;
}

/** A whole fact schema: an object of named facts. */
export interface FactSchema extends FactPropertySchema {
  $schema?: string;
  $id?: string;
  properties: Record<string, FactPropertySchema>;
}

/** Any schema file as served raw (file formats, fact schemas, the vocabulary). */
export interface SchemaDocument extends FactPropertySchema {
  $schema?: string;
  $id?: string;
  definitions?: Record<string, FactPropertySchema>;
}
