export { type CliJson, cliResponsibility, toCliJson } from './cli-json.js';
export { DEFAULT_CHROME, parsePlan } from './parse.js';
export * from './types.js';
