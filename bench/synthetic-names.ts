/** Deterministic synthetic enterprise names for benchmarks: same seed, same names, on every machine. */

const PLACES = [
  '青岛',
  '市南',
  '市北',
  '黄岛',
  '崂山',
  '李沧',
  '城阳',
  '即墨',
  '胶州',
  '平度',
  '莱西',
  '山东',
  '北京',
  '上海',
  '杭州',
  '宁波',
];
const BRANDS =
  '鼎瑞海信澳柯玛双星青啤华泰恒远金诚鑫源宏达永安瑞丰德盛嘉禾中和汇通天成博远新华东方明润盛世佳和鲁信安泰福瑞'.match(
    /../g,
  )!;
const TRADES = [
  '机械制造',
  '食品',
  '电子科技',
  '纺织服装',
  '建筑工程',
  '化工',
  '医药',
  '物流',
  '贸易',
  '橡胶轮胎',
  '家电',
  '海洋生物',
  '质量检测',
  '标准计量',
  '网络科技',
  '酿酒',
];
const SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司', '厂', '商行'];
const LATIN = ['', '', '', '', 'ABC', 'Hi-Tech ', 'IoT', '5G'];

/** A small fast PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` names such as 青岛鼎瑞机械制造有限公司 or 宁波（杭州）5G网络科技有限公司. */
export function* syntheticNames(count: number, seed = 20150721): Generator<string> {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const branch = r() < 0.05 ? `（${pick(PLACES)}）` : '';
    yield `${pick(PLACES)}${pick(BRANDS)}${pick(BRANDS)}${branch}${pick(LATIN)}${pick(TRADES)}${pick(SUFFIXES)}`;
  }
}
