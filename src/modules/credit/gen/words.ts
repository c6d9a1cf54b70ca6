/** Word lists for synthetic Chinese enterprise names, people and addresses (demo and benchmark data only). */

export const REGIONS = ['青岛', '山东', '胶州', '即墨', '平度', '莱西', '崂山', '黄岛', '城阳', '李沧', '中国', '华东'];

/** Brand characters; brands are two of these, so two-character queries hit realistic numbers of names. */
export const BRAND_A = Array.from(
  '海润鼎瑞华泰康鑫恒信德盛金宏达兴隆源丰嘉弘永昌新宇凯通明远安正天博华晨致和立佳汇聚诚',
);
export const BRAND_B = Array.from('润泽海丰源达通泰华鑫诚信德邦瑞祥宏远顺发强盛峰晟川辉澜晖航洋林宁嘉越融汇蓝帆杰凯');

export const INDUSTRIES = [
  '食品',
  '机械',
  '贸易',
  '电子科技',
  '建筑工程',
  '纺织服装',
  '化工',
  '物流',
  '橡胶制品',
  '家电',
  '海洋生物',
  '船舶配件',
  '医疗器械',
  '软件技术',
  '餐饮管理',
  '旅游发展',
  '水产品',
  '汽车零部件',
  '包装材料',
  '检测技术',
  '新能源',
  '农业开发',
  '酒店管理',
  '标准计量',
];

export const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '厂', '集团有限公司'];
export const SHOP_FORMS = ['商店', '饭店', '便利店', '五金店', '服装店', '理发店'];

export const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
export const GIVEN = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志新海波斌宇浩凯',
);

export const ROADS = [
  '香港中路',
  '山东路',
  '延安三路',
  '辽阳西路',
  '黑龙江中路',
  '长江中路',
  '株洲路',
  '重庆南路',
  '九水东路',
  '正阳路',
  '鹤山路',
  '福州路',
  '胶州湾东路',
  '烟台前路',
];
