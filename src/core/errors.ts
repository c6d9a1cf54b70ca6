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

  // Files
  QC_ERR_FILE_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  QC_ERR_FILE_TOO_LARGE: {
    status: 413,
    zh: '文件过大,上限为 {0} 字节',
    en: 'The file is too large; the limit is {0} bytes',
  },
  QC_ERR_FILE_TYPE: {
    status: 415,
    zh: '文件类型不符或不受支持:声明为 {0},内容实为 {1}。支持 PDF、PNG/JPEG/GIF/WebP 图片、Word、Excel、PowerPoint 及 UTF-8 文本/CSV',
    en: 'File refused: declared as {0}, but the content is {1}. Accepted: PDF, PNG/JPEG/GIF/WebP images, Word, Excel, PowerPoint, UTF-8 text/CSV',
  },
  QC_ERR_FILE_NOT_FOUND: { status: 404, zh: '文件不存在:{0}', en: 'No such file: {0}' },
  QC_ERR_FILE_MISSING: {
    status: 500,
    zh: '文件内容在存储中丢失:{0}',
    en: 'The file content is missing from storage: {0}',
  },

  // Plans and supervision
  QC_ERR_PLAN_NOT_FOUND: { status: 404, zh: '计划不存在:{0}', en: 'No such plan: {0}' },
  QC_ERR_PLAN_PARSE: { status: 400, zh: '无法识别为行动计划:{0}', en: 'Not readable as an action plan: {0}' },
  QC_ERR_PLAN_NO_TEXT: {
    status: 400,
    zh: 'PDF 没有文字层(可能是扫描件),请上传文本、Word 或带文字的 PDF',
    en: 'The PDF has no text layer (a scan?); upload text, Word or a PDF with text',
  },
  QC_ERR_PLAN_FILE_TYPE: { status: 415, zh: '不支持的计划文件:{0}', en: 'Unsupported plan file: {0}' },
  QC_ERR_PLAN_CODE_TAKEN: { status: 409, zh: '计划代码已存在:{0}', en: 'The plan code is already used: {0}' },
  QC_ERR_PLAN_NOT_DRAFT: { status: 409, zh: '只有草稿状态的计划可以执行此操作', en: 'Only a draft plan allows this' },
  QC_ERR_PLAN_NOT_PUBLISHED: {
    status: 409,
    zh: '计划 {0} 尚未发布:草稿直接重新导入即可',
    en: 'Plan {0} is not published: re-import a draft instead',
  },
  QC_ERR_PLAN_BLOCKED: {
    status: 409,
    zh: '计划还有 {0} 个问题需先解决才能发布',
    en: 'The plan has {0} blocking issue(s) to resolve before publishing',
  },
  QC_ERR_PLAN_SETTINGS: { status: 400, zh: '计划设置不合法:{0}', en: 'Invalid plan settings: {0}' },
  QC_ERR_ASSIGNMENT_NOT_FOUND: { status: 404, zh: '任务不存在:{0}', en: 'No such assignment: {0}' },
  QC_ERR_NOTICE_NOT_FOUND: { status: 404, zh: '通知不存在:{0}', en: 'No such notice: {0}' },
  QC_ERR_NOTICE_DAY_FUTURE: {
    status: 400,
    zh: '不能提前发送 {0} 的提醒(今天是 {1})',
    en: 'Reminders for {0} cannot be sent ahead of time (today is {1})',
  },
  QC_ERR_INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态“{0}”下不能执行“{1}”',
    en: 'Cannot {1} in state {0}',
  },
  QC_ERR_REASON_REQUIRED: { status: 400, zh: '请填写理由', en: 'A reason is required' },
  QC_ERR_REPORT_NOT_FOUND: { status: 404, zh: '进展报告不存在:{0}', en: 'No such progress report: {0}' },
  QC_ERR_REPORT_NARRATIVE: {
    status: 400,
    zh: '进展情况至少 {0} 个字',
    en: 'The narrative needs at least {0} characters',
  },
  QC_ERR_REPORT_EVIDENCE: {
    status: 400,
    zh: '申请办结或进度 100% 时至少附一份佐证材料',
    en: 'Requesting completion or reporting 100% needs at least one evidence item',
  },
  QC_ERR_REPORT_REGRESS: {
    status: 400,
    zh: '进度低于上次审核通过的 {0}%,请说明原因',
    en: 'Progress is below the last accepted {0}%; give a reason',
  },
  QC_ERR_REPORT_PERIOD: { status: 400, zh: '报告期不可用:{0}', en: 'Report period not available: {0}' },
  QC_ERR_REPORT_OPEN: {
    status: 409,
    zh: '本期已有一份未审核的报告',
    en: 'This period already has a report awaiting review',
  },

  QC_ERR_SUBPLAN_INCOMPLETE: {
    status: 409,
    zh: '实施方案还有 {0} 处需完善(任务须有责任部门、责任人和时限,每项市级措施须有任务或说明不适用)',
    en: 'The implementation plan has {0} gap(s): every task needs a department, a person and a deadline, every city measure a task or a reason it does not apply',
  },

  // CSV/Excel round trip of a plan (R-S13); row-level findings are codes of domain/roundtrip-model.ts
  QC_ERR_IMPORT_UNKNOWN_COLUMN: {
    status: 400,
    zh: '工作表 {0} 有无法识别的列“{1}”;只接受导出文件中的列名',
    en: 'Sheet {0} has an unknown column "{1}"; only the exported column names are accepted',
  },
  QC_ERR_IMPORT_MISSING_COLUMN: {
    status: 400,
    zh: '工作表 {0} 缺少列“{1}”',
    en: 'Sheet {0} lacks the column "{1}"',
  },
  QC_ERR_IMPORT_DUPLICATE_COLUMN: {
    status: 400,
    zh: '工作表 {0} 的列“{1}”出现了多次',
    en: 'Sheet {0} has the column "{1}" more than once',
  },
  QC_ERR_IMPORT_FILE: {
    status: 400,
    zh: '无法读取导入文件({0});请上传导出的 .xlsx 或 UTF-8 CSV',
    en: 'The import file cannot be read ({0}); upload the exported .xlsx or a UTF-8 CSV',
  },
  QC_ERR_IMPORT_CSV_SHEET: {
    status: 400,
    zh: '无法判断 CSV 对应哪张表:请在文件名中保留 measures、actions 或 assignments',
    en: 'Which sheet is this CSV? Keep measures, actions or assignments in the file name',
  },
  QC_ERR_IMPORT_TOO_MANY_ROWS: { status: 413, zh: '导入文件超过 {0} 行', en: 'The import file has more than {0} rows' },
  QC_ERR_IMPORT_ROW_ERRORS: {
    status: 422,
    zh: '导入文件有 {0} 行错误,未做任何修改;请下载错误清单修正后重试',
    en: 'The import file has {0} row(s) with errors; nothing was changed. Download the error file, fix and retry',
  },
  QC_ERR_IMPORT_STALE: {
    status: 409,
    zh: '预检之后计划已有变化,请重新预检',
    en: 'The plan changed since the dry run; run the dry run again',
  },
  QC_ERR_IMPORT_PLAN_STATUS: {
    status: 409,
    zh: '只有已发布的计划可以导出或导入任务表',
    en: 'Only a published plan can be exported or imported',
  },

  // Monthly bulletins (情况通报)
  QC_ERR_BULLETIN_NOT_FOUND: { status: 404, zh: '通报不存在:{0}', en: 'No such bulletin: {0}' },
  QC_ERR_BULLETIN_PLAN: {
    status: 409,
    zh: '计划尚未发布,不能编制督查情况通报',
    en: 'The plan is not published; no bulletin can be made for it',
  },
  QC_ERR_BULLETIN_EXISTS: { status: 409, zh: '{0} 的通报已存在', en: 'A bulletin for {0} already exists' },
  QC_ERR_BULLETIN_ORDER: {
    status: 409,
    zh: '本计划已有 {0} 的通报,只能为其后的月份编制通报',
    en: 'This plan already has a bulletin for {0}; new bulletins are for later months only',
  },
  QC_ERR_BULLETIN_AS_OF: {
    status: 400,
    zh: '统计截止日 {0} 尚未到来(今天是 {1})',
    en: 'The snapshot day {0} has not come yet (today is {1})',
  },
  QC_ERR_BULLETIN_NOT_DRAFT: {
    status: 409,
    zh: '只有草稿状态的通报可以修改;已审定的通报请先退回修改',
    en: 'Only a draft bulletin can be changed; send an approved one back to draft first',
  },
  QC_ERR_BULLETIN_ISSUED: {
    status: 409,
    zh: '通报已印发,不能再修改',
    en: 'The bulletin has been issued and can no longer change',
  },
  QC_ERR_BULLETIN_NEXT_STEPS: {
    status: 400,
    zh: '请先填写“下步工作”',
    en: 'Write the next steps (下步工作) first',
  },

  // Enterprise registry and its imports (credit.md §2); row-level findings are codes of credit/domain/registry-row.ts
  QC_ERR_ENTERPRISE_NOT_FOUND: { status: 404, zh: '企业不存在:{0}', en: 'No such enterprise: {0}' },
  QC_ERR_REGISTRY_IMPORT_FORMAT: {
    status: 400,
    zh: '无法识别的导入文件格式({0});请上传 .csv 或 .xlsx 文件',
    en: 'Unrecognised import file format ({0}); upload a .csv or .xlsx file',
  },
  QC_ERR_REGISTRY_IMPORT_ENCODING: {
    status: 400,
    zh: '文件编码无法识别:既不是 UTF-8 也不是 GBK/GB18030({0});请另存为 UTF-8 CSV 后重试',
    en: 'The file encoding is neither UTF-8 nor GBK/GB18030 ({0}); save it as UTF-8 CSV and retry',
  },
  QC_ERR_REGISTRY_IMPORT_MISSING_COLUMN: {
    status: 400,
    zh: '导入文件缺少必需的列:{0}',
    en: 'The import file lacks required column(s): {0}',
  },
  QC_ERR_REGISTRY_IMPORT_DUPLICATE_COLUMN: {
    status: 400,
    zh: '导入文件的列“{0}”出现了多次',
    en: 'The import file has the column "{0}" more than once',
  },
  QC_ERR_REGISTRY_IMPORT_TOO_LARGE: {
    status: 413,
    zh: '导入文件 {0} 字节,超过上限 {1} 字节;请拆分文件,或在服务器上用命令行 qcity enterprises import 导入',
    en: 'The import file has {0} bytes, over the {1}-byte limit; split it or import on the server with qcity enterprises import',
  },
  QC_ERR_REGISTRY_IMPORT_EMPTY: { status: 400, zh: '导入文件没有数据行', en: 'The import file has no data rows' },
  QC_ERR_REGISTRY_IMPORT_JOB_NOT_FOUND: { status: 404, zh: '导入任务不存在:{0}', en: 'No such import job: {0}' },
  QC_ERR_REGISTRY_IMPORT_NOT_COMMITTABLE: {
    status: 409,
    zh: '只能确认导入已完成的试导入(任务 {0} 不是)',
    en: 'Only a finished dry run can be committed (job {0} is not one)',
  },
  QC_ERR_REGISTRY_IMPORT_JOB_STATE: {
    status: 409,
    zh: '导入任务 {0} 状态为 {1},不能继续',
    en: 'Import job {0} is {1} and cannot be resumed',
  },
  QC_ERR_REGISTRY_IMPORT_FILE_CHANGED: {
    status: 409,
    zh: '续传的文件与导入任务 {0} 的原文件不同',
    en: 'The file to resume differs from the original file of import job {0}',
  },

  // Credit records, lists, objections and repair (credit.md §3, §5); refusals change nothing
  QC_ERR_CREDIT_RECORD_NOT_FOUND: { status: 404, zh: '信用记录不存在:{0}', en: 'No such credit record: {0}' },
  QC_ERR_CREDIT_RECORD_TYPE: { status: 400, zh: '未知的信用记录类型:{0}', en: 'Unknown credit record type: {0}' },
  QC_ERR_CREDIT_RECORD_DATES: {
    status: 400,
    zh: '信用记录日期不合理:{0}',
    en: 'Inconsistent credit record dates: {0}',
  },
  QC_ERR_CREDIT_RECORD_STATE: {
    status: 409,
    zh: '信用记录当前状态为 {0},不能执行此操作',
    en: 'The credit record is {0}; this action is not possible',
  },
  QC_ERR_CREDIT_OTHER_UNIT: {
    status: 403,
    zh: '只能办理本单位的信用记录和名单:{0}',
    en: 'A unit records and decides only for itself: {0}',
  },
  QC_ERR_LIST_UNKNOWN: { status: 400, zh: '未知的名单:{0}', en: 'Unknown list: {0}' },
  QC_ERR_LIST_ENTRY_NOT_FOUND: { status: 404, zh: '名单条目不存在:{0}', en: 'No such list entry: {0}' },
  QC_ERR_LIST_BAD_TRANSITION: {
    status: 409,
    zh: '名单条目处于 {0} 状态,不能执行“{1}”',
    en: 'A list entry in state {0} cannot {1}',
  },
  QC_ERR_LIST_DUPLICATE: {
    status: 409,
    zh: '该企业已在此名单中(条目 {0})',
    en: 'The enterprise is already on this list (entry {0})',
  },
  QC_ERR_LIST_ENTRY_CONDITIONS: {
    status: 400,
    zh: '不符合列入条件:{0}',
    en: 'The entry conditions are not met: {0}',
  },
  QC_ERR_LIST_STATEMENT_WINDOW: {
    status: 409,
    zh: '陈述申辩期至 {0} 届满,届满前不能作出决定',
    en: 'The statement window runs until {0}; decide after it',
  },
  QC_ERR_LIST_APPROVAL_SAME_UNIT: {
    status: 403,
    zh: '须由上一级机关审批,作出决定的单位不能自行审批',
    en: 'Approval must come from the next level, not the deciding unit',
  },
  QC_ERR_OBJECTION_NOT_FOUND: { status: 404, zh: '异议申请不存在:{0}', en: 'No such objection: {0}' },
  QC_ERR_OBJECTION_NOT_OWN: {
    status: 403,
    zh: '只能对本企业的信用记录或名单提出异议',
    en: 'An objection can only concern the enterprise’s own records or listings',
  },
  QC_ERR_OBJECTION_TARGET: {
    status: 400,
    zh: '异议须针对一条信用记录或一个名单条目',
    en: 'An objection concerns exactly one credit record or list entry',
  },
  QC_ERR_OBJECTION_PENDING: {
    status: 409,
    zh: '该信息已有处理中的异议(编号 {0})',
    en: 'An objection on this item is already pending (no. {0})',
  },
  QC_ERR_OBJECTION_STATE: {
    status: 409,
    zh: '异议处于 {0} 状态,不能执行此操作',
    en: 'The objection is {0}; this action is not possible',
  },
  QC_ERR_REPAIR_NOT_FOUND: { status: 404, zh: '信用修复申请不存在:{0}', en: 'No such repair application: {0}' },
  QC_ERR_REPAIR_NOT_YET_ELIGIBLE: {
    status: 409,
    zh: '尚未到可申请信用修复的日期,最早可于 {0} 申请',
    en: 'Credit repair cannot be applied for yet; the earliest day is {0}',
  },
  QC_ERR_REPAIR_NOT_ALLOWED: {
    status: 409,
    zh: '该信息不适用信用修复:{0}',
    en: 'Credit repair does not apply to this item: {0}',
  },
  QC_ERR_REPAIR_CONDITIONS_UNMET: {
    status: 409,
    zh: '不符合信用修复条件:{0}',
    en: 'The credit repair conditions are not met: {0}',
  },
  QC_ERR_REPAIR_PENDING: {
    status: 409,
    zh: '该信息已有办理中的信用修复申请(编号 {0})',
    en: 'A repair application for this item is already in progress (no. {0})',
  },
  QC_ERR_REPAIR_STATE: {
    status: 409,
    zh: '信用修复申请处于 {0} 状态,不能执行此操作',
    en: 'The repair application is {0}; this action is not possible',
  },
  QC_ERR_CREDIT_REPORT_NOT_FOUND: { status: 404, zh: '信用报告编号不存在:{0}', en: 'No such credit report: {0}' },
  // Credit rule sets, holiday calendar, grades and 双随机 draws
  QC_ERR_RULESET_NOT_FOUND: { status: 404, zh: '规则版本不存在:{0}', en: 'No such rule set version: {0}' },
  QC_ERR_RULESET_EXISTS: { status: 409, zh: '规则版本已存在:{0}', en: 'The rule set version already exists: {0}' },
  QC_ERR_RULESET_UNKNOWN_CODE: { status: 400, zh: '未知的规则:{0}', en: 'Unknown rule set: {0}' },
  QC_ERR_RULESET_NOT_DRAFT: {
    status: 409,
    zh: '规则版本已{0},只有草稿可以修改或启用',
    en: 'The rule set version is {0}; only drafts can be edited or activated',
  },
  QC_ERR_RULESET_PARAMS_INVALID: { status: 400, zh: '规则参数不合法:{0}', en: 'Invalid rule set parameters: {0}' },
  QC_ERR_RULESET_INCOMPLETE: {
    status: 409,
    zh: '规则版本缺少必填参数,不能启用:{0}',
    en: 'The rule set version has empty required parameters and cannot be activated: {0}',
  },
  QC_ERR_RULESET_NOT_ACTIVE: { status: 409, zh: '只有已启用的规则版本可以停用', en: 'Only an active version can be retired' },
  QC_ERR_RULESET_NOT_IN_FORCE: {
    status: 409,
    zh: '{1} 没有生效的规则 {0}',
    en: 'No version of rule set {0} is in force on {1}',
  },
  QC_ERR_HOLIDAY_INVALID: { status: 400, zh: '节假日数据不合法:{0}', en: 'Invalid holiday calendar data: {0}' },
  QC_ERR_GRADE_RUN_BUSY: {
    status: 409,
    zh: '评级重算正在进行(第 {0} 次运行)',
    en: 'A grade recompute is already running (run {0})',
  },
  QC_ERR_GRADE_RUN_NOT_FOUND: { status: 404, zh: '评级重算记录不存在:{0}', en: 'No such grade run: {0}' },
  QC_ERR_DRAW_NOT_FOUND: { status: 404, zh: '抽查记录不存在:{0}', en: 'No such inspection draw: {0}' },
  QC_ERR_DRAW_INSUFFICIENT_INSPECTORS: {
    status: 409,
    zh: '检查人员不足:企业 {0} 只能分配 {1}/{2} 名(回避和工作量上限)',
    en: 'Not enough inspectors: enterprise {0} gets {1} of {2} (conflicts and load cap)',
  },
  QC_ERR_DRAW_EMPTY_FRAME: { status: 409, zh: '抽查范围内没有已评级的企业', en: 'No graded enterprise matches the draw filter' },
  QC_ERR_DRAW_SEED_INVALID: {
    status: 400,
    zh: '随机种子须为 1–128 个可见 ASCII 字符',
    en: 'The seed must be 1–128 printable ASCII characters',
  },
  QC_ERR_INSPECTOR_NOT_FOUND: { status: 404, zh: '检查人员不存在:{0}', en: 'No such inspector: {0}' },
  QC_ERR_INSPECTOR_CODE_TAKEN: { status: 409, zh: '检查人员编号已被使用:{0}', en: 'The inspector code is taken: {0}' },
  QC_ERR_INSPECTOR_CONFLICT_EXISTS: {
    status: 409,
    zh: '该检查人员已登记与企业 {0} 的回避关系',
    en: 'A conflict with enterprise {0} is already declared for this inspector',
  },
  QC_ERR_INSPECTOR_CONFLICT_NOT_FOUND: {
    status: 404,
    zh: '该检查人员没有与企业 {0} 的回避关系',
    en: 'No conflict with enterprise {0} is declared for this inspector',
  },

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
