import { describe, expect, it } from 'vitest';
import { destinationText, divisionOfAddress, type DivisionNames } from './address-division';

const NAMES: DivisionNames = {
  provinces: { '500000': '重庆市', '510000': '四川省', '110000': '北京市' },
  cities: { '500100': '重庆市', '500200': '县', '510100': '成都市', '510700': '绵阳市', '110100': '北京市' },
  counties: {
    '500101': '万州区',
    '500103': '渝中区',
    '510104': '锦江区',
    '510107': '武侯区',
    '510703': '涪城区',
    '110105': '朝阳区',
  },
};

describe('division of an address', () => {
  it.each([
    ['重庆市万州区白岩路1号', '500101'],
    ['重庆市 渝中区 解放碑', '500103'],
    ['四川省成都市锦江区红星路二段70号', '510104'],
    ['四川省绵阳市涪城区', '510703'],
    ['四川省成都市某某街', '510100'],
    ['四川省某地', '510000'],
    ['北京市朝阳区', '110105'],
    ['万州区白岩路', null],
  ])('%s → %s', (address, code) => {
    expect(divisionOfAddress(address, NAMES)).toBe(code);
  });

  it('prints the 大头笔 as province and city, or municipality and district', () => {
    expect(destinationText(['四川省', '成都市', '锦江区'])).toBe('四川省 成都市');
    expect(destinationText(['重庆市', '重庆市', '万州区'])).toBe('重庆市 万州区');
  });
});
