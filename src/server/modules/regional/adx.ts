import { XMLBuilder } from 'fast-xml-parser';
import type { CountryAggregates } from './aggregates.ts';

/**
 * The same aggregates as ADX (IHE QRPH Aggregate Data Exchange, the format DHIS2 imports): one
 * `<group>` per data set, org unit and period, one `<dataValue>` per figure shown. A figure the
 * country hides (suppressed) is left out, never written as zero. Data element and org unit
 * identifiers are the codes of Pathway's indicators, reference competencies and units.
 */

export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';
export const DATASET_INDICATORS = 'PATHWAY_INDICATORS';
export const DATASET_SHARES = 'PATHWAY_REFERENCE_SHARES';

/** ADX identifiers are codes: letters, digits and underscores. */
export const adxCode = (text: string) => text.replace(/[^A-Za-z0-9_]+/g, '_');

interface Group {
  dataSet: string;
  orgUnit: string;
  values: { dataElement: string; value: number }[];
}

const round = (n: number) => Number(n.toFixed(4));

function groupsOf(aggregates: CountryAggregates): Group[] {
  const groups = new Map<string, Group>();
  const add = (dataSet: string, orgUnit: string, dataElement: string, value: number) => {
    const key = `${dataSet}|${orgUnit}`;
    const group = groups.get(key) ?? { dataSet, orgUnit, values: [] };
    groups.set(key, group);
    group.values.push({ dataElement, value: round(value) });
  };
  for (const indicator of aggregates.indicators)
    for (const figure of indicator.figures)
      if (figure.value !== null)
        add(DATASET_INDICATORS, adxCode(figure.unit.code), adxCode(indicator.code), figure.value);
  for (const share of aggregates.competencyShares)
    if (share.share !== null)
      add(DATASET_SHARES, adxCode(share.unit.code), adxCode(share.referenceItem.code), share.share * 100);
  return [...groups.values()];
}

export function toAdx(aggregates: CountryAggregates): string {
  const period = `${aggregates.period}-01-01/P1Y`;
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    adx: {
      '@_xmlns': ADX_NAMESPACE,
      '@_exported': aggregates.generatedAt,
      group: groupsOf(aggregates).map((g) => ({
        '@_dataSet': g.dataSet,
        '@_orgUnit': g.orgUnit,
        '@_period': period,
        dataValue: g.values.map((v) => ({ '@_dataElement': v.dataElement, '@_value': String(v.value) })),
      })),
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  });
  return `${builder.build(tree).trimEnd()}\n`;
}
