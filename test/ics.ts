/**
 * A reader of what the iCalendar writer promises, for tests: CRLF line endings, no physical line over
 * 75 octets, folded lines joined back, and each VEVENT as a map of property name to raw value.
 */
export function readIcs(text: string) {
  if (!text.endsWith('\r\n')) throw new Error('an iCalendar text ends with CRLF');
  if (/[\r\n]/.test(text.replace(/\r\n/g, ''))) throw new Error('a bare CR or LF');
  const physical = text.slice(0, -2).split('\r\n');
  const long = physical.find((line) => new TextEncoder().encode(line).length > 75);
  if (long) throw new Error(`a line over 75 octets: ${long}`);
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) current[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return { lines, physical, events };
}

export const unescapeText = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
