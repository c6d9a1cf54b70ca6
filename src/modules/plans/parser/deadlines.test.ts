import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDue, findDeadline, findDeadlines, periodicDue } from './deadlines.js';
import { codes, measures, parse, planOf } from './test-helpers.js';

const at2015 = (text: string) => {
  const d = findDeadline(text, 2015);
  return d ? { type: d.type, ...(d.due ? { due: d.due } : {}), ...(d.rule ? { rule: d.rule } : {}), raw: d.raw } : null;
};

describe('R-P10 deadlines (plan year 2015)', () => {
  it('2015年底前 → absolute 2015-12-31', () => {
    assert.deepEqual(at2015('2015年底前完成立法调研'), { type: 'absolute', due: '2015-12-31', raw: '2015年底前' });
  });

  it('2015年9月底前 → absolute 2015-09-30', () => {
    assert.deepEqual(at2015('2015年9月底前公布抽查结果'), {
      type: 'absolute',
      due: '2015-09-30',
      raw: '2015年9月底前',
    });
  });

  it('9月15日前 → absolute 2015-09-15 (X日前 is due on day X)', () => {
    assert.deepEqual(at2015('9月15日前报送总结'), { type: 'absolute', due: '2015-09-15', raw: '9月15日前' });
    assert.equal(at2015('2016年3月31日前完成')?.due, '2016-03-31');
  });

  it('年底前, 年内 → relative 2015-12-31', () => {
    assert.deepEqual(at2015('年底前完成'), { type: 'relative', due: '2015-12-31', raw: '年底前' });
    assert.deepEqual(at2015('年内建成'), { type: 'relative', due: '2015-12-31', raw: '年内' });
  });

  it('上半年 / 三季度末 → relative 2015-06-30 / 2015-09-30', () => {
    assert.deepEqual(at2015('上半年完成试点'), { type: 'relative', due: '2015-06-30', raw: '上半年' });
    assert.deepEqual(at2015('三季度末前完成'), { type: 'relative', due: '2015-09-30', raw: '三季度末' });
  });

  it('每月28日前 → periodic, monthly, day 28', () => {
    assert.deepEqual(at2015('每月28日前报送进展'), {
      type: 'periodic',
      rule: { freq: 'monthly', day: 28 },
      raw: '每月28日前',
    });
    assert.equal(periodicDue({ freq: 'monthly', day: 31 }, 2015, 2), '2015-02-28');
    assert.equal(periodicDue({ freq: 'monthly', day: 28 }, 2015, 9), '2015-09-28');
    assert.equal(periodicDue({ freq: 'quarterly' }, 2015, 8), '2015-09-30');
    assert.equal(periodicDue({ freq: 'yearly', month: 6, day: 30 }, 2015, 1), '2015-06-30');
  });

  it('每季度 / 每年6月30日前 → periodic quarter end / yearly 06-30', () => {
    assert.deepEqual(at2015('每季度通报一次'), { type: 'periodic', rule: { freq: 'quarterly' }, raw: '每季度' });
    assert.deepEqual(at2015('每年6月30日前报送'), {
      type: 'periodic',
      rule: { freq: 'yearly', month: 6, day: 30 },
      raw: '每年6月30日前',
    });
  });

  it('持续推进, 长期坚持, 常态化 → ongoing, no final due date', () => {
    for (const s of ['持续推进质量提升', '长期坚持', '推动抽查常态化']) assert.equal(at2015(s)?.type, 'ongoing', s);
    assert.equal(at2015('持续推进')?.due, undefined);
  });

  it('适时 → unscheduled, and DEADLINE_UNSET on the action', () => {
    assert.deepEqual(at2015('适时发布消费警示'), { type: 'unscheduled', raw: '适时' });
    const r = parse(planOf('(一)测试。适时发布消费警示。(市质监局负责)'));
    assert.equal(measures(r)[0]!.actions[0]!.deadline.due, undefined);
    assert.deepEqual(codes(r), ['DEADLINE_UNSET']);
  });

  it('nothing found → default: the plan-year end, configurable', () => {
    const r = parse(planOf('(一)测试。开展工作。(市质监局负责)'));
    assert.deepEqual(measures(r)[0]!.actions[0]!.deadline, {
      type: 'default',
      due: '2015-12-31',
      raw: '',
      source: 'default',
    });
    assert.equal(defaultDue(undefined, 2015), '2015-12-31');
    assert.equal(defaultDue('none', 2015), undefined);
    assert.equal(defaultDue('2015-10-31', 2015), '2015-10-31');
    const none = parse(planOf('(一)测试。开展工作。(市质监局负责)'), { defaultDeadline: 'none' });
    assert.equal(measures(none)[0]!.actions[0]!.deadline.due, undefined);
  });

  it('needs a marker: bare years, durations and years inside 《》 are no deadlines', () => {
    for (const s of [
      '组织开展2015年全市质量月活动',
      '组织开展农民工职业技能提升三年行动计划',
      '深入开展工程质量治理两年行动',
      '做好《质量发展纲要(2011-2020年)》贯彻落实情况中期评估',
      '三年内建成',
    ]) {
      assert.deepEqual(findDeadlines(s, 2015), [], s);
    }
  });

  it('reads deadlines from the action text, then the responsibility group, then a 完成时限 field', () => {
    const r = parse(
      planOf(
        '(一)测试。2015年6月底前开展甲。开展乙。(市质监局负责,2015年10月底前完成)',
        '(二)测试二。开展丙。',
        '责任单位:市工商局',
        '完成时限:11月30日前',
      ),
    );
    const [m1, m2] = measures(r);
    assert.deepEqual(
      m1!.actions.map((a) => [a.deadline.due, a.deadline.source]),
      [
        ['2015-06-30', 'text'],
        ['2015-10-31', 'responsibility'],
      ],
    );
    assert.deepEqual([m2!.actions[0]!.deadline.due, m2!.actions[0]!.deadline.source], ['2015-11-30', 'field']);
    assert.deepEqual(codes(r), []);
  });

  it('takes the latest dated deadline of a text as its final due date, and clamps nothing invalid into a date', () => {
    assert.equal(at2015('6月底前完成试点,年底前全面推开')?.due, '2015-12-31');
    assert.equal(findDeadline('2月30日前完成', 2015), null);
  });
});
