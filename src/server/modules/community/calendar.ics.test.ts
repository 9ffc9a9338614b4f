import { describe, expect, it } from 'vitest';
import { readIcs, unescapeText } from '../../../../test/ics.ts';
import { escapeText, foldLine, toIcs } from './calendar.ics.ts';

describe('iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'नेपाल '.repeat(30)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('writes events in UTC that read back to what went in', () => {
    const summary = 'Policy meeting; ICT, budget \\ plan';
    const description = `Line one\nLine two, with ${'a long stretch of words '.repeat(6)}`;
    const text = toIcs(
      [
        {
          uid: 'e1@pathway',
          start: '2026-03-01T10:00:00+05:00',
          end: '2026-03-01T12:30:00+05:00',
          summary,
          description,
          location: 'Room 4, Ministry',
          stamp: '2026-02-01T00:00:00.000Z',
        },
      ],
      'Pathway',
    );
    const { lines, events } = readIcs(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.UID).toBe('e1@pathway');
    expect(event!.DTSTART).toBe('20260301T050000Z');
    expect(event!.DTEND).toBe('20260301T073000Z');
    expect(event!.DTSTAMP).toBe('20260201T000000Z');
    expect(unescapeText(event!.SUMMARY!)).toBe(summary);
    expect(unescapeText(event!.DESCRIPTION!)).toBe(description);
    expect(unescapeText(event!.LOCATION!)).toBe('Room 4, Ministry');
  });
});
