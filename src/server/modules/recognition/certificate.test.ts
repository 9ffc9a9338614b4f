import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { words } from '../../shared/catalogues.ts';
import { textRuns } from '../../shared/pdf.ts';
import {
  type CertificateContent,
  type CertificateLabels,
  certificateDate,
  renderCertificate,
} from './certificate.pdf.ts';

const labelsIn = (locale: string) => words<keyof CertificateLabels>(locale, 'messages.certificate');

/** Every Flate stream of the PDF, inflated: fonts' names and their ToUnicode maps are in here. */
function streamsOf(pdf: Buffer): string {
  const out: string[] = [pdf.toString('latin1')];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream\n', at);
    if (start < 0) break;
    const end = pdf.indexOf('\nendstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start + 7, end)).toString('latin1'));
    } catch {}
    at = end + 10;
  }
  return out.join('\n');
}

/** Code points the PDF's ToUnicode maps give to its glyphs (what copy, search and screen readers get). */
function mappedCodePoints(pdf: Buffer): Set<number> {
  const points = new Set<number>();
  for (const block of streamsOf(pdf).matchAll(/beginbf(?:char|range)([\s\S]*?)endbf(?:char|range)/g)) {
    for (const hex of block[1]!.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
      const h = hex[1]!;
      for (let i = 0; i + 4 <= h.length; i += 4) points.add(Number.parseInt(h.slice(i, i + 4), 16));
    }
  }
  return points;
}

const base: CertificateContent = {
  locale: 'en',
  issuerName: 'Ministry of Education of Meridia',
  holderName: 'Amina Karimova',
  achievementName: 'Digital pedagogy, level 2',
  achievementType: 'Competency',
  description: 'Confirmed at level 2 in every competency of the aspect.',
  criteria: 'All competencies of the aspect confirmed at level 2 or above.',
  competencies: [{ name: 'C1 Policy understanding', framework: 'ICT CFT 1.0', level: 'Deepening' }],
  issuedAt: '2026-03-14T10:00:00.000Z',
  validUntil: null,
  status: 'active',
  credentialId: '0190f0a2-0000-7000-8000-000000000001',
  verifyUrl: 'https://pathway.example/verify/0190f0a2-0000-7000-8000-000000000001',
  labels: labelsIn('en'),
};

describe('certificate PDF', () => {
  it('writes its dates as the web app does in each language, on the UTC day', () => {
    const at = '2026-12-06T03:35:00.000Z';
    expect(certificateDate(at, 'en')).toBe('Dec 6, 2026');
    expect(certificateDate(at, 'ru')).toBe('6 дек. 2026 г.');
    expect(certificateDate(at, 'uz')).toBe('6-dekabr, 2026');
    expect(certificateDate(at, 'ne')).toBe('२०२६ डिसेम्बर ६');
    expect(certificateDate(at, 'fil')).toBe('Dis 6, 2026');
    expect(certificateDate('2026-12-06T23:30:00-05:00', 'en')).toBe('Dec 7, 2026');
  });

  it('renders Nepali in Devanagari, with a Latin URL beside it', async () => {
    const pdf = await renderCertificate({
      ...base,
      locale: 'ne',
      labels: labelsIn('ne'),
      issuerName: 'शिक्षा मन्त्रालय',
      holderName: 'सीता शर्मा',
      achievementName: 'डिजिटल शिक्षण, तह २',
      description: 'पक्षका सबै सक्षमताहरूमा तह २ पुष्टि भएको।',
      criteria: 'तह २ वा माथि पुष्टि।',
      competencies: [{ name: 'C1 नीति बुझाइ', framework: 'ICT CFT', level: 'गहिराइ' }],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const streams = streamsOf(pdf);
    expect(streams).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansDevanagari/);
    expect(streams).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-/);
    const points = mappedCodePoints(pdf);
    // स ी त श र म (from the name), प्र (title), and Latin letters of the URL.
    for (const ch of ['स', 'ी', 'त', 'श', 'र', 'म', 'प', '्', 'ा', 'h', 't', 'p']) {
      expect(points.has(ch.codePointAt(0)!), ch).toBe(true);
    }
  });

  it('renders Russian in Cyrillic and Uzbek and Filipino in Latin', async () => {
    const ru = await renderCertificate({
      ...base,
      locale: 'ru',
      labels: labelsIn('ru'),
      holderName: 'Анна Иванова',
      achievementName: 'Цифровая педагогика',
    });
    const ruPoints = mappedCodePoints(ru);
    for (const ch of 'АннаИвЦфрояпедгик') expect(ruPoints.has(ch.codePointAt(0)!), ch).toBe(true);
    const uz = await renderCertificate({
      ...base,
      locale: 'uz',
      labels: labelsIn('uz'),
      holderName: 'Oʻgʻiloy Toʻxtayeva',
      status: 'suspended',
    });
    const uzPoints = mappedCodePoints(uz);
    for (const ch of 'Oʻgiloy‘') expect(uzPoints.has(ch.codePointAt(0)!), ch).toBe(true);
    const fil = await renderCertificate({ ...base, locale: 'fil', labels: labelsIn('fil'), status: 'revoked' });
    expect(mappedCodePoints(fil).has('B'.codePointAt(0)!)).toBe(true);
    expect(streamsOf(fil)).toContain('/URI');
  });

  it('splits mixed text into runs of fonts that cover each script', () => {
    expect(textRuns('सीता Sharma — Анна').map((r) => r.font)).toEqual([
      'regular:devanagari',
      'regular:latin',
      'regular:cyrillic',
    ]);
    // A space between two Devanagari words stays in the Devanagari run only if that font has it.
    const runs = textRuns('प्रमाण पत्र', 'bold');
    expect(runs.map((r) => r.text).join('')).toBe('प्रमाण पत्र');
    expect(runs.every((r) => r.font.startsWith('bold:'))).toBe(true);
  });
});
