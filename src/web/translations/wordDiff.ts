export type DiffPiece = { kind: 'same' | 'removed' | 'added'; text: string };

/**
 * What changed from one text to another, word by word (spaces kept as their own pieces), by the
 * longest common subsequence: enough for a translator to see which words of a source changed.
 */
export function wordDiff(before: string, after: string): DiffPiece[] {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const pieces: DiffPiece[] = [];
  const push = (kind: DiffPiece['kind'], text: string) => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return grouped(pieces);
}

/**
 * Reads as phrases: a run of changes (with only spaces between them) becomes one removed phrase
 * followed by one added phrase, not removed and added words in turn.
 */
function grouped(pieces: DiffPiece[]): DiffPiece[] {
  const out: DiffPiece[] = [];
  let removed = '';
  let added = '';
  let gap = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const [index, piece] of pieces.entries()) {
    const inRun = removed !== '' || added !== '';
    const changeNext = pieces[index + 1] && pieces[index + 1]!.kind !== 'same';
    if (piece.kind === 'same' && inRun && changeNext && !piece.text.trim()) {
      gap = piece.text;
      continue;
    }
    if (piece.kind === 'same') {
      flush();
      out.push(piece);
    } else {
      if (gap) {
        if (removed) removed += gap;
        if (added) added += gap;
        gap = '';
      }
      if (piece.kind === 'removed') removed += piece.text;
      else added += piece.text;
    }
  }
  flush();
  return out;
}
