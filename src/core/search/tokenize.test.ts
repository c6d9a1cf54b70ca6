import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeLike, normalizeText, planQuery, searchColumns, tokenize } from './tokenize.js';

const terms = (text: string) => tokenize(normalizeText(text));

describe('normalizeText', () => {
  it('applies NFKC, lower-cases and collapses whitespace', () => {
    assert.equal(normalizeText('  宁波（杭州）\u3000ＡＢＣ１２３\t\nDef  '), '宁波(杭州) abc123 def');
  });
});

describe('tokenize', () => {
  it('gives the stack.md §3.2 example exactly', () => {
    assert.equal(
      terms('宁波（杭州）质量检测有限公司').join(' '),
      '宁波 波 杭州 州 质量 量检 检测 测有 有限 限公 公司 司',
    );
  });

  it('gives a 1-character run as that character', () => {
    assert.deepEqual(terms('鼎'), ['鼎']);
    assert.deepEqual(terms('a鼎b'), ['a', '鼎', 'b']);
    assert.deepEqual(terms('(质)'), ['质']);
  });

  it('gives every overlapping bigram of a CJK run, then its last character', () => {
    assert.deepEqual(terms('质量'), ['质量', '量']);
    assert.deepEqual(terms('哈哈哈'), ['哈哈', '哈哈', '哈']);
  });

  it('gives an ASCII run of letters and digits as one lower-cased word', () => {
    assert.deepEqual(terms('ISO9001 Trading Co., Ltd.'), ['iso9001', 'trading', 'co', 'ltd']);
  });

  it('splits mixed runs at every change between CJK and ASCII', () => {
    assert.deepEqual(terms('ABC电子123科技'), ['abc', '电子', '子', '123', '科技', '技']);
  });

  it('folds full-width digits and letters to their ASCII words', () => {
    assert.deepEqual(terms('ＡＢＣ１２３电子'), ['abc123', '电子', '子']);
  });

  it('treats punctuation, brackets, spaces and non-ASCII letters as separators only', () => {
    assert.deepEqual(terms('质量-检测·有限（公司）'), ['质量', '量', '检测', '测', '有限', '限', '公司', '司']);
    assert.deepEqual(terms('café'), ['caf']);
    assert.deepEqual(terms('%_\\\'"*'), []);
    assert.deepEqual(terms('こんにちは 한국'), []);
  });

  it('covers CJK extension A and compatibility ideographs', () => {
    assert.deepEqual(terms('㐀㐁'), ['㐀㐁', '㐁']);
    // U+FA0E is a unified ideograph in the compatibility block; NFKC keeps it.
    assert.deepEqual(terms('\ufa0e'), ['\ufa0e']);
  });

  it('treats the Yijing hexagram symbols inside U+3400–U+9FFF as separators, as both indexes do', () => {
    assert.deepEqual(terms('䷀易经'), ['易经', '经']);
  });

  it('only ever yields CJK tokens of 1–2 characters or [a-z0-9] words, whatever the input', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      '质',
      '量',
      '䷀',
      'A',
      'ｚ',
      '9',
      '%',
      '_',
      '\\',
      "'",
      '"',
      '*',
      ' ',
      '\u3000',
      '（',
      ':',
      '-',
      'é',
      '𠀀',
    ];
    for (let n = 0; n < 500; n++) {
      const input = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      for (const token of terms(input)) {
        assert.match(token, /^(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}|[a-z0-9]+)$/u, JSON.stringify(input));
      }
    }
  });
});

describe('searchColumns', () => {
  it('stores normalised fields joined by newlines and their tokens joined by spaces', () => {
    assert.deepEqual(searchColumns(['宁波（杭州）', null, '  ', undefined, 'ABC  电子']), {
      search_text: '宁波(杭州)\nabc 电子',
      search_terms: '宁波 波 杭州 州 abc 电子 子',
    });
  });

  it('gives empty columns for no content', () => {
    assert.deepEqual(searchColumns([]), { search_text: '', search_terms: '' });
    assert.deepEqual(searchColumns([null, ' ']), { search_text: '', search_terms: '' });
  });
});

describe('planQuery', () => {
  it('returns null for empty or whitespace-only input', () => {
    assert.equal(planQuery(''), null);
    assert.equal(planQuery(' \u3000\t\n'), null);
  });

  it('makes 1 CJK character a prefix', () => {
    assert.deepEqual(planQuery('质'), [{ text: '质', parts: [{ kind: 'char', char: '质' }] }]);
  });

  it('makes 2 CJK characters a one-bigram phrase', () => {
    assert.deepEqual(planQuery('质量'), [{ text: '质量', parts: [{ kind: 'phrase', tokens: ['质量'] }] }]);
  });

  it('makes a longer CJK term a phrase of its bigrams, without the trailing unigram', () => {
    assert.deepEqual(planQuery('质量检测'), [
      { text: '质量检测', parts: [{ kind: 'phrase', tokens: ['质量', '量检', '检测'] }] },
    ]);
  });

  it('makes an ASCII word a lower-cased prefix', () => {
    assert.deepEqual(planQuery('ISO'), [{ text: 'iso', parts: [{ kind: 'word', word: 'iso' }] }]);
  });

  it('ANDs the parts of a mixed term and keeps its whole text for LIKE', () => {
    assert.deepEqual(planQuery('abc电子'), [
      {
        text: 'abc电子',
        parts: [
          { kind: 'word', word: 'abc' },
          { kind: 'phrase', tokens: ['电子'] },
        ],
      },
    ]);
    assert.deepEqual(planQuery('宁波（杭州）'), [
      {
        text: '宁波(杭州)',
        parts: [
          { kind: 'phrase', tokens: ['宁波'] },
          { kind: 'phrase', tokens: ['杭州'] },
        ],
      },
    ]);
  });

  it('normalises full-width input like indexed text', () => {
    assert.deepEqual(planQuery('ＡＢＣ１２３'), [{ text: 'abc123', parts: [{ kind: 'word', word: 'abc123' }] }]);
  });

  it('splits whitespace-separated terms, each of which must match', () => {
    assert.deepEqual(planQuery('  青岛\u3000 Port  '), [
      { text: '青岛', parts: [{ kind: 'phrase', tokens: ['青岛'] }] },
      { text: 'port', parts: [{ kind: 'word', word: 'port' }] },
    ]);
  });

  it('keeps a punctuation-only term for the exact LIKE check, with no index parts', () => {
    assert.deepEqual(planQuery('()'), [{ text: '()', parts: [] }]);
    assert.deepEqual(planQuery('%'), [{ text: '%', parts: [] }]);
    assert.deepEqual(planQuery('䷀'), [{ text: '䷀', parts: [] }]);
  });

  it('builds index parts only from tokenizer output for injection-looking input', () => {
    assert.deepEqual(planQuery(`'; drop table x; --`), [
      { text: "';", parts: [] },
      { text: 'drop', parts: [{ kind: 'word', word: 'drop' }] },
      { text: 'table', parts: [{ kind: 'word', word: 'table' }] },
      { text: 'x;', parts: [{ kind: 'word', word: 'x' }] },
      { text: '--', parts: [] },
    ]);
    assert.deepEqual(planQuery('" OR *'), [
      { text: '"', parts: [] },
      { text: 'or', parts: [{ kind: 'word', word: 'or' }] },
      { text: '*', parts: [] },
    ]);
  });
});

describe('escapeLike', () => {
  it('escapes %, _ and \\ with a backslash and leaves everything else alone', () => {
    assert.equal(escapeLike('100%_a\\b'), '100\\%\\_a\\\\b');
    assert.equal(escapeLike('质量\'"*'), '质量\'"*');
    assert.equal(escapeLike(''), '');
  });
});
