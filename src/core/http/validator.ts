import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function typesOf(schema: Record<string, unknown>): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  const options = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  return options ? options.flatMap(typesOf) : [];
}

/** Text from a URL turned into the declared scalar type, only when the text is exactly such a value. */
function convertText(text: string, schema: Record<string, unknown>): unknown {
  const types = typesOf(schema);
  if (types.includes('string')) return text;
  if (types.includes('integer') && INTEGER.test(text)) return Number(text);
  if (types.includes('number') && NUMBER.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * Query strings and path params arrive as text: each property declared as a number or boolean is
 * converted when, and only when, its text is exactly such a value ("1.5" is not an integer, "ten"
 * stays text and fails). Repeated keys stay arrays and fail a scalar schema.
 */
export function convertUrlValues(schema: TSchema, value: unknown): unknown {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> }).properties;
  if (!properties || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const prop = Object.hasOwn(properties, key) ? properties[key] : undefined;
    out[key] = prop && typeof v === 'string' ? convertText(v, prop) : v;
  }
  return out;
}

/**
 * TypeBox validates every schema. JSON bodies must already have the declared types ("1" is not an
 * integer, 1 is not a boolean) and unknown fields are rejected, never stripped.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const fromUrl = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers';
  return (value: unknown) => {
    const converted = fromUrl ? convertUrlValues(schema, value) : value;
    if (check.Check(converted)) return { value: converted };
    return { error: [...check.Errors(converted)] as never };
  };
};
