import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { placeholders, type TranslationDocument, type TranslationFault } from './translations.document.ts';
import { fromPo, parsePoContext, poContext, toPo } from './translations.po.ts';
import { decodeXliffId, encodeXliffId, fromXliff, toXliff, xliffFileId } from './translations.xliff.ts';

const UUID = '0190a8c2-7d3e-7b4a-9f10-3c5d2e1a4b6f';

/** A document with what usually goes wrong: markup characters, whitespace, scripts, odd keys, states. */
const doc = (): TranslationDocument => ({
  sourceLocale: 'en',
  targetLocale: 'ne',
  objects: [
    {
      type: 'competency',
      id: UUID,
      name: 'Digital literacy & <safety>',
      units: [
        { key: 'title', source: 'Uses a spreadsheet', target: 'स्प्रेडसिट प्रयोग गर्छ', state: 'translated' },
        {
          key: 'levels/2/descriptor',
          source: 'Line one\nLine two\n\n  indented "quoted" \'single\'\ttab\r\nwindows line end ',
          target: 'पहिलो हरफ\nदोस्रो हरफ\n\n  भित्र "उद्धृत"\ttab\r\n ',
          state: 'reviewed',
          note: 'Shown on the certificate.\nKeep it under 80 characters.',
        },
        {
          key: 'levels/3 name: with spaces_and_underscores',
          source: '<b>Bold</b> & "entities" like &amp; and ]]> stay text',
          target: '<b>Жирный</b> & «сущности» вроде &amp; и ]]> остаются текстом',
          state: 'final',
        },
        { key: `rubric:${UUID}`, source: 'Hello, {name}! You have {{count}} items.', state: 'initial' },
        { key: 'fuzzy one', source: 'Assessment', target: 'Оценка?', state: 'initial', note: 'Check this one.' },
        { key: 'Ключ नेपाली #1', source: '   ', target: ' ', state: 'translated' },
      ],
    },
    {
      type: 'survey_question',
      id: 'Q 7/b:c#d%e',
      units: [{ key: '', source: 'Empty key, odd id', target: 'Пустой ключ', state: 'translated' }],
    },
  ],
});

function faultsOf(work: () => unknown): TranslationFault[] {
  let error: unknown;
  try {
    work();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('translation_file_invalid');
  const faults = (error as AppError).details!.faults as TranslationFault[];
  expect(faults.length).toBeGreaterThan(0);
  return faults;
}

describe('placeholders', () => {
  it('lists {name} and {{name}} forms once each, sorted', () => {
    expect(placeholders('Hello, {name}! {{ count }} of {total}, {name} again, {0}.')).toEqual([
      '{0}',
      '{name}',
      '{total}',
      '{{count}}',
    ]);
    expect(placeholders('{ spaced } and {} and {# item}')).toEqual([]);
    expect(placeholders('नमस्ते {नाम}')).toEqual(['{नाम}']);
  });

  it('counts an ICU argument with a type as its name, so a language without plurals may write it plainly', () => {
    const english = 'Pathway: {count, plural, one {# new notification} other {# new notifications}}';
    expect(placeholders(english)).toEqual(['{count}']);
    expect(placeholders('Pathway: {count} नयाँ सूचना')).toEqual(placeholders(english));
    expect(placeholders('नमस्ते {नाम}')).toEqual(['{नाम}']);
  });
});

describe('key encodings', () => {
  it('XLIFF ids are NMTOKENs that decode to the key', () => {
    expect(encodeXliffId('title')).toBe('title');
    expect(encodeXliffId('levels/2/descriptor')).toBe('levels_2F2_2Fdescriptor');
    expect(encodeXliffId('a_b c:d')).toBe('a__b_20c_3Ad');
    expect(encodeXliffId('дом')).toBe('_D0_B4_D0_BE_D0_BC');
    expect(encodeXliffId('')).toBe('_');
    expect(encodeXliffId(UUID)).toBe(UUID);
    expect(xliffFileId('survey_question', 'Q 7')).toBe('survey__question:Q_207');
    for (const key of ['', '_', '__', '_5F', 'a/b', 'x y', '😀', 'नेपाली', `rubric:${UUID}`, '\n\t', '%#:'] as const) {
      const id = encodeXliffId(key);
      expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(decodeXliffId(id)).toBe(key);
    }
    // Only what encodeXliffId writes is read back.
    expect(decodeXliffId('_41')).toBeNull(); // 'A' is written as itself
    expect(decodeXliffId('a_2f')).toBeNull(); // lower-case hex
    expect(decodeXliffId('a:b')).toBeNull();
    expect(decodeXliffId('_FF')).toBeNull(); // not UTF-8
    expect(decodeXliffId('a_')).toBeNull();
  });

  it('PO contexts are type:id#key with % : # escaped in type and id only', () => {
    expect(poContext('competency', UUID, 'levels/2/descriptor')).toBe(`competency:${UUID}#levels/2/descriptor`);
    expect(poContext('a:b', 'c#d%e:f', 'k#e:y')).toBe('a%3Ab:c%23d%25e%3Af#k#e:y');
    expect(parsePoContext('a%3Ab:c%23d%25e%3Af#k#e:y')).toEqual({ type: 'a:b', id: 'c#d%e:f', key: 'k#e:y' });
    expect(parsePoContext('competency:1#')).toEqual({ type: 'competency', id: '1', key: '' });
    expect(parsePoContext('competency#title')).toBeNull();
    expect(parsePoContext('competency:1')).toBeNull();
    expect(parsePoContext('a%3ab:1#k')).toBeNull();
  });
});

describe('XLIFF 2.0', () => {
  it('round trips a document exactly, and its own file to the same string', () => {
    const xliff = toXliff(doc());
    expect(fromXliff(xliff)).toEqual(doc());
    expect(toXliff(fromXliff(xliff))).toBe(xliff);
  });

  it('writes the XLIFF 2.0 shape', () => {
    const xliff = toXliff(doc());
    expect(xliff).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0"/,
    );
    expect(xliff).toContain('version="2.0" srcLang="en" trgLang="ne"');
    expect(xliff).toContain(`<file id="competency:${UUID}" canResegment="no" xml:space="preserve">`);
    expect(xliff).toContain('<note category="name">Digital literacy &amp; &lt;safety&gt;</note>');
    expect(xliff).toContain('<unit id="levels_2F2_2Fdescriptor" name="levels/2/descriptor">');
    expect(xliff).toContain('<segment state="reviewed">');
    expect(xliff).toContain(
      '<source>&lt;b&gt;Bold&lt;/b&gt; &amp; "entities" like &amp;amp; and ]]&gt; stay text</source>',
    );
    expect(xliff).toContain('tab&#13;\nwindows line end </source>');
    expect(xliff).toContain('<file id="survey__question:Q_207_2Fb_3Ac_23d_25e"');
    expect(xliff).toContain('<unit id="_" name="">');
    // An untranslated unit has no target; an empty translation has an empty one.
    expect(xliff).toMatch(
      /<segment state="initial">\s*<source>Hello, \{name\}! You have \{\{count\}\} items\.<\/source>\s*<\/segment>/,
    );
    const empty = toXliff({
      sourceLocale: 'en',
      targetLocale: 'ru',
      objects: [
        { type: 't', id: '1', units: [{ key: 'k', source: 'x', target: '', state: 'translated' }] },
        { type: 't', id: 'no-units', units: [] },
      ],
    });
    expect(empty).toContain('<target/>');
    expect(empty).not.toContain('no-units');
    expect(fromXliff(empty).objects[0]!.units[0]!.target).toBe('');
  });

  it('refuses to write a text XML cannot carry', () => {
    const bad = doc();
    bad.objects[0]!.units[0]!.source = 'bell \u0007';
    expect(() => toXliff(bad)).toThrow(/XML cannot carry/);
    bad.objects[0]!.units[0]!.source = 'half a pair \uD83D';
    expect(() => toXliff(bad)).toThrow(/XML cannot carry/);
    bad.objects[0]!.units[0]!.source = 'a whole pair 😀, tab\t, CR\r';
    expect(fromXliff(toXliff(bad))).toEqual(bad);
  });

  it('reads a file as a translation tool writes it back', () => {
    const xliff = `<?xml version="1.0" encoding="utf-8"?>
<!-- Exported by SomeTool 5.2 -->
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"
       xmlns:tool="http://example.org/tool" version="2.0" srcLang="en-US" trgLang="ru-RU" tool:project="P-17">
  <file id="competency:${UUID}" original="competency.xml" tool:status="done">
    <mda:metadata>
      <mda:metaGroup category="tool">
        <mda:meta type="words">12</mda:meta>
      </mda:metaGroup>
    </mda:metadata>
    <notes>
      <note category="name">Digital literacy</note>
      <note category="tool">Checked by QA</note>
    </notes>
    <group id="g1" name="levels">
      <unit id="levels_2F2_2Fdescriptor" name="levels/2/descriptor" translate="yes" tool:words="9">
        <mda:metadata><mda:metaGroup><mda:meta type="x">y</mda:meta></mda:metaGroup></mda:metadata>
        <notes>
          <note appliesTo="source">Shown on the certificate.</note>
        </notes>
        <originalData>
          <data id="d1">&lt;br/&gt;</data>
        </originalData>
        <segment id="s1" state="reviewed" subState="tool:approved">
          <source xml:lang="en-US">First sentence. </source>
          <target xml:lang="ru-RU">Первое предложение. </target>
        </segment>
        <ignorable>
          <source>
</source>
        </ignorable>
        <segment id="s2" state="translated">
          <source>Second &amp; <![CDATA[<last>]]> one.&#xD;</source>
          <target>Второе &amp; <mrk id="m1" type="comment" value="check">&lt;последнее&gt;</mrk> предложение.&#13;</target>
        </segment>
      </unit>
    </group>
    <unit id="title">
      <segment>
        <source>Uses a spreadsheet</source>
      </segment>
    </unit>
    <unit id="a__b_20c">
      <segment state="final"><source>Tab	and  spaces</source><target>Таб	и  пробелы<cp hex="0007"/></target></segment>
    </unit>
  </file>
</xliff>
`;
    expect(fromXliff(xliff)).toEqual({
      sourceLocale: 'en-US',
      targetLocale: 'ru-RU',
      objects: [
        {
          type: 'competency',
          id: UUID,
          name: 'Digital literacy',
          units: [
            {
              key: 'levels/2/descriptor',
              source: 'First sentence. \nSecond & <last> one.\r',
              target: 'Первое предложение. \nВторое & <последнее> предложение.\r',
              state: 'translated',
              note: 'Shown on the certificate.',
            },
            { key: 'title', source: 'Uses a spreadsheet', state: 'initial' },
            { key: 'a_b c', source: 'Tab\tand  spaces', target: 'Таб\tи  пробелы\u0007', state: 'final' },
          ],
        },
      ],
    });
  });

  it('reads core elements under a prefix', () => {
    const xliff = `<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="uz">
  <x:file id="t:1"><x:unit id="k"><x:segment state="translated"><x:source>a</x:source><x:target>b</x:target></x:segment></x:unit></x:file>
</x:xliff>`;
    expect(fromXliff(xliff).objects).toEqual([
      { type: 't', id: '1', units: [{ key: 'k', source: 'a', target: 'b', state: 'translated' }] },
    ]);
  });

  const wrap = (
    body: string,
    root = 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"',
  ) => `<?xml version="1.0"?>\n<xliff ${root}>\n${body}\n</xliff>\n`;
  const unit = (id: string, segment = '<segment><source>s</source></segment>') => `<unit id="${id}">${segment}</unit>`;

  it('rejects what is not well-formed XML, with the line', () => {
    const faults = faultsOf(() =>
      fromXliff(wrap('<file id="t:1">\n<unit id="a"><segment><source>x</segment></unit></file>')),
    );
    expect(faults[0]).toMatchObject({ where: 'file', line: 4 });
    expect(faults[0]!.message).toMatch(/not well-formed/);
    expect(faultsOf(() => fromXliff(''))[0]!.where).toBe('file');
    expect(faultsOf(() => fromXliff('just text'))[0]!.where).toBe('file');
  });

  it('rejects a wrong root, namespace or version and missing languages', () => {
    expect(faultsOf(() => fromXliff('<xliff2 xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>'))).toEqual([
      expect.objectContaining({
        where: 'root',
        line: 1,
        message: expect.stringMatching(/root element must be <xliff>/),
      }),
    ]);
    const v12 = '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file/></xliff>';
    expect(faultsOf(() => fromXliff(v12))[0]!.message).toMatch(/namespace/);
    const faults = faultsOf(() =>
      fromXliff(
        wrap(`<file id="t:1">${unit('a')}</file>`, 'xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"'),
      ),
    );
    expect(faults.map((f) => f.message)).toEqual([
      'The XLIFF version must be 2.0, not 2.1.',
      'The <xliff> element has no srcLang.',
      'The <xliff> element has no trgLang: the language translated into.',
    ]);
    expect(faults.every((f) => f.where === 'root' && f.line === 2)).toBe(true);
  });

  it('rejects faulty files and units, naming each with its line', () => {
    const faults = faultsOf(() =>
      fromXliff(
        wrap(
          [
            '<file id="t:1">',
            unit('ok'),
            unit('no-source', '<segment><target>t</target></segment>'),
            unit('no-segment', '<notes><note>n</note></notes>'),
            unit('ok'),
            unit('bad_id'),
            unit('bad-state', '<segment state="done"><source>s</source></segment>'),
            unit('inline', '<segment><source>Hello <ph id="1"/> there</source></segment>'),
            '<unit><segment><source>s</source></segment></unit>',
            '</file>',
            '<file>',
            unit('a'),
            '</file>',
            `<file id="t:1">${unit('a')}</file>`,
            `<file id="a:b:c">${unit('a')}</file>`,
          ].join('\n'),
        ),
      ),
    );
    expect(faults).toEqual([
      { where: 'file t:1, unit no-source', line: 5, message: 'A <segment> needs exactly one <source>, not 0.' },
      { where: 'file t:1, unit no-segment', line: 6, message: 'The unit has no <segment> with a <source>.' },
      { where: 'file t:1, unit ok', line: 7, message: 'The unit id ok appears twice in the file.' },
      { where: 'file t:1, unit bad_id', line: 8, message: 'The unit id bad_id is not one Pathway wrote.' },
      {
        where: 'file t:1, unit bad-state',
        line: 9,
        message: 'The state "done" is none of initial, translated, reviewed, final.',
      },
      {
        where: 'file t:1, unit inline',
        line: 10,
        message: '<ph> is not allowed here: write plain text without inline codes.',
      },
      { where: 'file t:1', line: 11, message: 'A <unit> has no id.' },
      { where: 'file', line: 13, message: 'A <file> has no id.' },
      { where: 'file t:1', line: 16, message: 'The file id t:1 appears twice.' },
      { where: 'file a:b:c', line: 17, message: 'The file id a:b:c is not type:id as Pathway writes it.' },
    ]);
  });
});

describe('gettext PO', () => {
  it('round trips a document exactly, and its own file to the same string', () => {
    const text = toPo(doc());
    expect(fromPo(text)).toEqual(doc());
    expect(toPo(fromPo(text))).toBe(text);
  });

  it('writes the header, contexts, flags and notes', () => {
    const text = toPo(doc());
    expect(text.startsWith('msgid ""\nmsgstr ""\n"Project-Id-Version: Pathway\\n"\n"Language: ne\\n"\n')).toBe(true);
    expect(text).toContain('"X-Source-Language: en\\n"');
    // A long header line is folded like any other string.
    expect(text).toContain(
      `"X-Pathway-Object-Names: {\\"competency:${UUID}\\":"\n"\\"Digital literacy & <safety>\\"}\\n"`,
    );
    expect(text).toContain(
      `#. Check this one.\n#, fuzzy\nmsgctxt "competency:${UUID}#fuzzy one"\nmsgid "Assessment"\nmsgstr "Оценка?"\n`,
    );
    expect(text).toContain(`#, reviewed\nmsgctxt "competency:${UUID}#levels/2/descriptor"\nmsgid ""\n"Line one\\n"\n`);
    expect(text).toContain('#, final\n');
    expect(text).toContain('msgctxt "survey_question:Q 7/b%3Ac%23d%25e#"\n');
    // Untranslated and translated units carry no flag.
    expect(text).toContain(`\n\nmsgctxt "competency:${UUID}#rubric:${UUID}"\n`);
    expect(text).toContain(`\n\nmsgctxt "competency:${UUID}#title"\n`);
  });

  it('reads a file as Poedit writes it', () => {
    const text = `# Nepali translation of the Pathway competency framework.
# Sita Sharma <sita@example.org>, 2025.
#
msgid ""
msgstr ""
"Project-Id-Version: Pathway\\n"
"POT-Creation-Date: \\n"
"PO-Revision-Date: 2025-03-02 10:41+0545\\n"
"Last-Translator: Sita Sharma <sita@example.org>\\n"
"Language-Team: Nepali\\n"
"Language: ne\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.5\\n"
"X-Source-Language: en\\n"
"X-Pathway-Object-Names: {\\"competency:${UUID}\\":\\"Digital literacy\\"}\\n"

# Translator: checked with the glossary
#. Shown on the certificate.
#. Keep it under 80 characters.
#: competency.xml:12
msgctxt "competency:${UUID}#levels/2/descriptor"
msgid ""
"Selects and uses a spreadsheet to record, sort and chart the results of a "
"class test, and explains the chart to learners.\\n"
"Second line."
msgstr ""
"कक्षा परीक्षाको नतिजा राख्न, क्रमबद्ध गर्न र चार्ट बनाउन स्प्रेडसिट छान्छ र "
"प्रयोग गर्छ, र सिकारुलाई चार्ट बुझाउँछ।\\n"
"दोस्रो हरफ।"

#, fuzzy, c-format
#| msgid "Uses spreadsheets"
msgctxt "competency:${UUID}#title"
msgid "Uses a spreadsheet"
msgstr "स्प्रेडसिट प्रयोग गर्छ"

#, reviewed
msgctxt "competency:${UUID}#name"
msgid "Spreadsheets"
msgstr "स्प्रेडसिट"

msgctxt "competency:${UUID}#untranslated"
msgid "Charts"
msgstr ""

#~ msgctxt "competency:${UUID}#old"
#~ msgid "Old text"
#~ msgstr "पुरानो पाठ"
`;
    expect(fromPo(text)).toEqual({
      sourceLocale: 'en',
      targetLocale: 'ne',
      objects: [
        {
          type: 'competency',
          id: UUID,
          name: 'Digital literacy',
          units: [
            {
              key: 'levels/2/descriptor',
              source:
                'Selects and uses a spreadsheet to record, sort and chart the results of a class test, and explains the chart to learners.\nSecond line.',
              target:
                'कक्षा परीक्षाको नतिजा राख्न, क्रमबद्ध गर्न र चार्ट बनाउन स्प्रेडसिट छान्छ र प्रयोग गर्छ, र सिकारुलाई चार्ट बुझाउँछ।\nदोस्रो हरफ।',
              state: 'translated',
              note: 'Shown on the certificate.\nKeep it under 80 characters.',
            },
            { key: 'title', source: 'Uses a spreadsheet', target: 'स्प्रेडसिट प्रयोग गर्छ', state: 'initial' },
            { key: 'name', source: 'Spreadsheets', target: 'स्प्रेडसिट', state: 'reviewed' },
            { key: 'untranslated', source: 'Charts', state: 'initial' },
          ],
        },
      ],
    });
  });

  it('reads back CRLF files and a byte order mark', () => {
    const text = `\uFEFF${toPo(doc()).replace(/\n/g, '\r\n')}`;
    expect(fromPo(text)).toEqual(doc());
  });

  it('rejects a syntax error with its line', () => {
    const faults = faultsOf(() =>
      fromPo('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgctxt "t:1#k"\nmsgid "unterminated\nmsgstr "x"\n'),
    );
    expect(faults).toEqual([{ where: 'file', line: 6, message: expect.stringMatching(/End-of-line within string/) }]);
    // An unescaped quote inside a string.
    const quote = faultsOf(() => fromPo('msgid ""\nmsgstr ""\n\nmsgctxt "t:1#k"\nmsgid "Say "hi" now"\nmsgstr "x"\n'));
    expect(quote).toEqual([{ where: 'file', line: 5, message: expect.stringMatching(/Invalid key name "hi"/) }]);
  });

  it('rejects a missing header or header fields', () => {
    expect(faultsOf(() => fromPo('msgctxt "t:1#k"\nmsgid "a"\nmsgstr "b"\n'))).toEqual([
      { where: 'header', message: 'The file has no header entry (msgid "").' },
    ]);
    expect(faultsOf(() => fromPo('msgid ""\nmsgstr "Project-Id-Version: x\\n"\n'))).toEqual([
      { where: 'header', message: 'The header has no Language: the language translated into.' },
      { where: 'header', message: 'The header has no X-Source-Language.' },
    ]);
    expect(
      faultsOf(() =>
        fromPo('msgid ""\nmsgstr "Language: ru\\nX-Source-Language: en\\nX-Pathway-Object-Names: {oops\\n"\n'),
      ),
    ).toEqual([{ where: 'header', message: 'The X-Pathway-Object-Names header is not a JSON object.' }]);
  });

  it('rejects entries that name no unit, duplicates and plurals', () => {
    const head =
      'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"X-Source-Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n';
    const faults = faultsOf(() =>
      fromPo(
        `${head}msgid "No context"\nmsgstr "x"\n\n` +
          'msgctxt "competency-title"\nmsgid "a"\nmsgstr ""\n\n' +
          'msgctxt "t:1#k"\nmsgid "first"\nmsgstr ""\n\n' +
          'msgctxt "t:1#k"\nmsgid "second"\nmsgstr ""\n\n' +
          'msgctxt "t:1#p"\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
      ),
    );
    expect(faults).toEqual([
      { where: 'msgid "No context"', message: 'The entry has no msgctxt: it names no unit.' },
      { where: 'msgctxt "competency-title"', message: 'The msgctxt is not type:id#key as Pathway writes it.' },
      { where: 'msgctxt "t:1#k"', message: 'The unit k appears 2 times.' },
      { where: 'msgctxt "t:1#p"', message: 'Plural forms (msgid_plural) are not used for these texts.' },
    ]);
    const duplicate = faultsOf(() =>
      fromPo(`${head}msgctxt "t:1#k"\nmsgid "a"\nmsgstr ""\n\nmsgctxt "t:1#k"\nmsgid "a"\nmsgstr ""\n`),
    );
    expect(duplicate[0]!.message).toMatch(/Duplicate msgid/);
  });
});
