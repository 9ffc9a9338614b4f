import { Fragment } from 'react';

const MENTION = /@\{([0-9a-zA-Z-]{1,64})\}/g;

/** A post's text with each `@{personId}` shown as @Name (the server resolved the names). */
export function PostText({ body, mentions }: { body: string; mentions: { id: string; name: string }[] }) {
  const names = new Map(mentions.map((m) => [m.id, m.name]));
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    parts.push(body.slice(last, match.index));
    parts.push(
      <strong key={match.index} className="mention">
        @{names.get(match[1]!) ?? match[1]}
      </strong>,
    );
    last = match.index + match[0].length;
  }
  parts.push(body.slice(last));
  return (
    <p className="post-body">
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder.
        <Fragment key={i}>{p}</Fragment>
      ))}
    </p>
  );
}

/** Adds a mention token for a member at the end of a draft. */
export function withMention(draft: string, personId: string): string {
  return `${draft}${draft && !draft.endsWith(' ') ? ' ' : ''}@{${personId}} `;
}
