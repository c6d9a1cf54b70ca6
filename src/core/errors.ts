/**
 * Every error QualityCity can answer with, declared once (after Fastify's lib/errors.js).
 * Code, HTTP status and a message in Chinese and English; `{0}`-style slots take arguments.
 */
export const ERRORS = {
  // Generic request errors
  QC_ERR_VALIDATION: { status: 400, zh: '请求参数不合法:{0}', en: 'Invalid request: {0}' },
  QC_ERR_BAD_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  QC_ERR_EMPTY_BODY: { status: 400, zh: '请求体为空', en: 'The request body is empty' },
  QC_ERR_BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  QC_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
  },
  QC_ERR_NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  QC_ERR_ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在:{0}', en: 'No such endpoint: {0}' },
  QC_ERR_METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  QC_ERR_CONFLICT: { status: 409, zh: '数据已被他人修改,请刷新后重试', en: 'The record changed; reload and retry' },
  QC_ERR_RATE_LIMITED: { status: 429, zh: '请求过于频繁,请稍后再试', en: 'Too many requests; try again later' },
  QC_ERR_OVERLOADED: { status: 503, zh: '服务繁忙,请稍后再试', en: 'The server is busy; try again later' },
  QC_ERR_NOT_READY: { status: 503, zh: '数据库不可用', en: 'The database is not reachable' },
  QC_ERR_INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },

  // Configuration (start-up only; never sent over HTTP)
  QC_ERR_CONFIG: { status: 500, zh: '配置错误:{0}', en: 'Invalid configuration: {0}' },

  // Authentication and access
  QC_ERR_AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please log in' },
  QC_ERR_AUTH_BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  QC_ERR_AUTH_LOCKED: {
    status: 423,
    zh: '登录失败次数过多,账号已锁定,请在 {0} 分钟后重试',
    en: 'Too many failed logins; the account is locked for {0} more minute(s)',
  },
  QC_ERR_AUTH_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  QC_ERR_AUTH_SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期,请重新登录',
    en: 'Your session has expired; please log in again',
  },
  QC_ERR_AUTH_TOKEN_INVALID: {
    status: 401,
    zh: '访问令牌无效、已过期或已撤销',
    en: 'The API token is invalid, expired or revoked',
  },
  QC_ERR_CSRF: {
    status: 403,
    zh: '安全校验失败,请刷新页面后重试',
    en: 'Security check failed; reload the page and retry',
  },
  QC_ERR_FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  QC_ERR_PASSWORD_WEAK: {
    status: 400,
    zh: '密码至少 10 位,且包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'The password needs at least 10 characters from at least 3 of: upper case, lower case, digits, symbols',
  },
  QC_ERR_PASSWORD_WRONG: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },

  // Users
  QC_ERR_USER_EXISTS: { status: 409, zh: '用户名已存在:{0}', en: 'The user name is taken: {0}' },
  QC_ERR_USER_NOT_FOUND: { status: 404, zh: '用户不存在:{0}', en: 'No such user: {0}' },
  QC_ERR_USER_ROLE_SCOPE: {
    status: 400,
    zh: '角色与范围不匹配:{0}',
    en: 'Role and scope do not match: {0}',
  },
  QC_ERR_USER_LAST_ADMIN: {
    status: 409,
    zh: '不能停用或降级最后一个管理员',
    en: 'The last active administrator cannot be disabled or demoted',
  },
  QC_ERR_TOKEN_NOT_FOUND: { status: 404, zh: '访问令牌不存在', en: 'No such API token' },
  QC_ERR_TOKEN_SCOPE: { status: 400, zh: '未知的令牌权限:{0}', en: 'Unknown token permission: {0}' },

  // Org registry
  QC_ERR_ORG_NOT_FOUND: { status: 404, zh: '单位不存在:{0}', en: 'No such unit: {0}' },
  QC_ERR_ORG_CODE_TAKEN: { status: 409, zh: '单位代码已被使用:{0}', en: 'The unit code is already used: {0}' },
  QC_ERR_ORG_NAME_TAKEN: {
    status: 409,
    zh: '名称已被其他有效单位使用:{0}',
    en: 'The name is already used by another current unit: {0}',
  },
  QC_ERR_ORG_PARENT: { status: 400, zh: '上级单位不合法:{0}', en: 'Invalid parent unit: {0}' },
  QC_ERR_ORG_DIVISION_CODE: {
    status: 400,
    zh: '行政区划代码须为 6 位数字:{0}',
    en: 'A division code has 6 digits: {0}',
  },
  QC_ERR_ORG_DATES: { status: 400, zh: '有效期不合法:{0}', en: 'Invalid validity dates: {0}' },
  QC_ERR_ORG_RETIRED: { status: 409, zh: '单位已撤销:{0}', en: 'The unit is already retired: {0}' },
  QC_ERR_ORG_SUCCESSOR: { status: 400, zh: '承继单位不合法:{0}', en: 'Invalid successor unit: {0}' },
  QC_ERR_ORG_GROUP_NOT_FOUND: { status: 404, zh: '单位组不存在:{0}', en: 'No such unit group: {0}' },

  // Audit
  QC_ERR_AUDIT_CHAIN_BROKEN: {
    status: 500,
    zh: '审计链在第 {0} 行断裂',
    en: 'The audit chain is broken at row {0}',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = 'zh' | 'en';

/** An error with a declared code; the HTTP layer turns it into `{ code, message }`. */
export class QcError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly args: readonly (string | number)[];
  readonly details?: unknown;

  constructor(code: ErrorCode, args: readonly (string | number)[] = [], details?: unknown) {
    super(formatMessage(code, 'en', args));
    this.name = 'QcError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.args = args;
    this.details = details;
  }

  /** The message in the requested language. */
  messageIn(lang: Lang): string {
    return formatMessage(this.code, lang, this.args);
  }
}

/** Fills a declared message's `{n}` slots. */
export function formatMessage(code: ErrorCode, lang: Lang, args: readonly (string | number)[] = []): string {
  return ERRORS[code][lang].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

/** Picks zh or en from an Accept-Language header; Chinese is the default. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'zh';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** Shorthand used by services: throws a QcError. */
export function fail(code: ErrorCode, ...args: (string | number)[]): never {
  throw new QcError(code, args);
}
