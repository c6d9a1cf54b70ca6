import type { Lang } from '../errors.js';

/** One schema failure as Fastify hands it over (TypeBox's error objects). */
export interface SchemaFailure {
  keyword: string;
  instancePath: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** A failure as the API reports it in `details`. */
export interface FailureDetail {
  path: string;
  message: string;
  field?: string;
}

/** The field a failure is about: the unknown or missing property, or the path itself. */
function fieldOf(f: SchemaFailure): string | undefined {
  const extra = f.params?.additionalProperties;
  if (Array.isArray(extra) && extra.length) return String(extra[0]);
  const required = f.params?.requiredProperties;
  if (Array.isArray(required) && required.length) return String(required[0]);
  return undefined;
}

/**
 * Drops TypeBox's duplicate `false`-schema failure for each unknown field and names the field;
 * `context` is body, querystring or params.
 */
export function failureDetails(context: string, failures: readonly SchemaFailure[]): FailureDetail[] {
  return failures
    .filter((f) => f.keyword !== 'boolean')
    .map((f) => {
      const field = fieldOf(f);
      return { path: `${context}${f.instancePath}`, message: f.message ?? f.keyword, ...(field ? { field } : {}) };
    });
}

const PHRASES: Record<Lang, Record<string, (where: string, d: FailureDetail, f: SchemaFailure) => string>> = {
  zh: {
    required: (w, d) => `${w} 缺少必填字段 ${d.field}`,
    additionalProperties: (w, d) => `${w} 含有不允许的字段 ${d.field}`,
    type: (w, _d, f) => `${w} 类型应为 ${String(f.params?.type ?? '')}`.trim(),
    pattern: (w) => `${w} 格式不正确`,
    format: (w) => `${w} 格式不正确`,
    minLength: (w, _d, f) => `${w} 至少 ${String(f.params?.limit)} 个字符`,
    maxLength: (w, _d, f) => `${w} 最多 ${String(f.params?.limit)} 个字符`,
    minimum: (w, _d, f) => `${w} 不能小于 ${String(f.params?.limit)}`,
    maximum: (w, _d, f) => `${w} 不能大于 ${String(f.params?.limit)}`,
    minItems: (w, _d, f) => `${w} 至少 ${String(f.params?.limit)} 项`,
    maxItems: (w, _d, f) => `${w} 最多 ${String(f.params?.limit)} 项`,
    anyOf: (w) => `${w} 取值不在允许范围内`,
    const: (w) => `${w} 取值不在允许范围内`,
  },
  en: {
    required: (w, d) => `${w} is missing the field ${d.field}`,
    additionalProperties: (w, d) => `${w} has an unknown field ${d.field}`,
    type: (w, _d, f) => `${w} must be of type ${String(f.params?.type ?? '')}`.trim(),
    pattern: (w) => `${w} is not in the expected format`,
    format: (w) => `${w} is not in the expected format`,
    minLength: (w, _d, f) => `${w} needs at least ${String(f.params?.limit)} character(s)`,
    maxLength: (w, _d, f) => `${w} allows at most ${String(f.params?.limit)} character(s)`,
    minimum: (w, _d, f) => `${w} must be at least ${String(f.params?.limit)}`,
    maximum: (w, _d, f) => `${w} must be at most ${String(f.params?.limit)}`,
    minItems: (w, _d, f) => `${w} needs at least ${String(f.params?.limit)} item(s)`,
    maxItems: (w, _d, f) => `${w} allows at most ${String(f.params?.limit)} item(s)`,
    anyOf: (w) => `${w} is not one of the allowed values`,
    const: (w) => `${w} is not one of the allowed values`,
  },
};

/** A readable sentence for the first failure, in the caller's language; the raw text otherwise. */
export function describeFailure(context: string, failures: readonly SchemaFailure[], lang: Lang): string {
  const first = failures.find((f) => f.keyword !== 'boolean');
  if (!first) return context;
  const detail = failureDetails(context, [first])[0]!;
  const phrase = PHRASES[lang][first.keyword];
  return phrase ? phrase(detail.path, detail, first) : `${detail.path} ${detail.message}`;
}
