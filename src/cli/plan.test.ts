import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { qcityInProcess } from '../../test/support/cli.js';
import { PROJECT_ROOT } from '../paths.js';
import { readPlanText, registerPlanCommands } from './plan.js';

const run = promisify(execFile);

/** Runs `qcity …` from the project root; resolves with exit code and output either way. */
async function qcity(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/qcity.mjs', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, QCITY_LOG_LEVEL: 'silent' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-plan-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('qcity plan parse', { timeout: 60_000 }, () => {
  it('prints the seed as the CLI contract JSON', async () => {
    const r = await qcityInProcess(['plan', 'parse', 'data/qingdao-2015-quality-action-plan.txt', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(j), ['header', 'sections', 'warnings']);
    assert.deepEqual(j.header, {
      docNumber: '青政办发〔2015〕15号',
      issuer: { name: '青岛市人民政府办公厅', code: 'GOVGO' },
      date: '2015-07-21',
      title: '青岛市贯彻实施质量发展纲要2015年行动计划',
    });
    assert.deepEqual(j.warnings, []);
    assert.equal(j.sections.length, 4);
    const ms = j.sections.flatMap((s: { measures: unknown[] }) => s.measures);
    assert.equal(ms.length, 18);
    assert.deepEqual(
      ms.map((m: { number: number }) => m.number),
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
    const actions = ms.flatMap((m: { actions: { text: string; deadline?: string }[] }) => m.actions);
    assert.equal(actions.length, 86);
    assert.ok(actions.every((a: { deadline?: string }) => a.deadline === '2015-12-31'));
    const m = ms[0];
    assert.deepEqual(Object.keys(m), ['number', 'title', 'actions', 'responsibility']);
    assert.deepEqual(Object.keys(m.responsibility), ['lead', 'co', 'shared', 'groups', 'nonExhaustive']);
    assert.deepEqual(
      m.responsibility.shared.map((u: { code: string }) => u.code),
      ['EDU', 'HRSS', 'QTS'],
    );
    assert.deepEqual(ms[14].responsibility.lead, [{ name: '市质监局', code: 'QTS' }]);
    assert.deepEqual(ms[14].responsibility.groups, [
      { name: '市质量工作领导小组各成员单位', code: 'G-LGM', role: 'co' },
    ]);
    const unitRefs = ms.reduce(
      (n: number, x: { responsibility: { lead: []; co: []; shared: [] } }) =>
        n + x.responsibility.lead.length + x.responsibility.co.length + x.responsibility.shared.length,
      0,
    );
    assert.equal(unitRefs, 91);
  });

  it('prints a readable outline without --json', async () => {
    const r = await qcityInProcess(['plan', 'parse', 'data/qingdao-2015-quality-action-plan.txt']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^青岛市贯彻实施质量发展纲要2015年行动计划\n/);
    assert.match(r.stdout, /4 sections, 18 measures, 86 actions; 21 units/);
    assert.match(
      r.stdout,
      /\(十五\) 深入推进质量强市示范城市创建工作 — 2 actions — lead: 市质监局; co: 市质量工作领导小组各成员单位/,
    );
    assert.match(r.stdout, /warnings: none/);
  });

  // The executable itself, spawned: exit code and stderr as a shell sees them.
  it('fails with exit code 1 and a message on stderr for an empty file or text that is not a plan', async () => {
    const empty = path.join(tmp, 'empty.txt');
    fs.writeFileSync(empty, '');
    const prose = path.join(tmp, 'prose.txt');
    fs.writeFileSync(prose, '今天天气很好。我们去公园散步。\n');
    const runs: [typeof qcity, string[], RegExp][] = [
      [qcityInProcess, ['plan', 'parse', empty, '--json'], /EMPTY_INPUT/],
      [qcity, ['plan', 'parse', prose], /NOT_A_PLAN/],
    ];
    for (const [runner, args, message] of runs) {
      const r = await runner(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});

// The rest runs the command in-process: spawning costs seconds per run.
async function inProcess(args: string[]): Promise<string> {
  const program = new Command('qcity').exitOverride();
  registerPlanCommands(program);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...xs: unknown[]) => void lines.push(xs.join(' '));
  try {
    await program.parseAsync(['node', 'qcity', ...args]);
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

describe('qcity plan parse (in-process)', () => {
  it('parses a Traditional-character file and lists its warnings with offsets', async () => {
    const j = JSON.parse(
      await inProcess([
        'plan',
        'parse',
        path.join(PROJECT_ROOT, 'src/modules/plans/parser/fixtures/qingdao-2016-traditional.txt'),
        '--json',
        '--date',
        '2016-03-01',
      ]),
    );
    assert.equal(j.header.title, '青岛市2016年质量强市工作要点');
    assert.deepEqual(
      j.warnings.map((w: { code: string }) => w.code),
      ['UNRESOLVED_UNIT'],
    );
    assert.equal(typeof j.warnings[0].offset, 'number');
  });

  it('rejects a missing file, a binary file and a malformed --date', async () => {
    const binary = path.join(tmp, 'plan.docx');
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await assert.rejects(inProcess(['plan', 'parse', path.join(tmp, 'missing.txt')]), /cannot read/);
    await assert.rejects(inProcess(['plan', 'parse', binary]), /NOT_A_PLAN: .* is not a text file/);
    await assert.rejects(inProcess(['plan', 'parse', 'x.txt', '--date', '2015/07/21']), /--date must be YYYY-MM-DD/);
  });

  it('reads GB18030-encoded text', () => {
    const file = path.join(tmp, 'gbk.txt');
    // 质量 in GB18030.
    fs.writeFileSync(file, Buffer.from([0xd6, 0xca, 0xc1, 0xbf]));
    assert.equal(readPlanText(file), '质量');
  });
});
