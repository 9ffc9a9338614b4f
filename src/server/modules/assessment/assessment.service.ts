import { hasPermissionAt, type Permission } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './assessment.repo.ts';
import type { AssessmentEvent, CompetencyStatus, EventKind, SupersedeInput } from './assessment.schemas.ts';
import { loadStandard, requireLevel } from './assessment.standard.ts';

/**
 * The person an assessment action is about. Teachers act on themselves; anyone else needs
 * `permission` over the person's unit. Someone who cannot see the person at all gets "not found";
 * someone who can see them but lacks the permission gets "forbidden".
 */
export async function requireSubject(ctx: Ctx, personId: string, permission: Permission) {
  const person = await people.requirePerson(ctx, personId);
  if (person.id === ctx.actor.personId) return person;
  if (!hasPermissionAt(ctx, permission, person.org_path))
    throw new AppError('forbidden', `You may not do this for this person (needs ${permission}).`, { permission });
  return person;
}

export function requireSelf(ctx: Ctx, personId: string) {
  if (ctx.actor.personId !== personId)
    throw new AppError('forbidden', 'Only the teacher themself can do this.', { personId });
}

export interface NewEvent {
  personId: string;
  frameworkId: string;
  itemId: string;
  levelCode: string | null;
  kind: EventKind;
  sourceType: string;
  sourceId?: string | null;
  evidenceIds?: string[];
  comment?: string | null;
}

function eventRow(ctx: Ctx, input: NewEvent, at: string): repo.EventRow {
  return {
    tenant_id: ctx.tenantId,
    id: newId(),
    person_id: input.personId,
    framework_id: input.frameworkId,
    item_id: input.itemId,
    level_code: input.levelCode,
    kind: input.kind,
    source_type: input.sourceType,
    source_id: input.sourceId ?? null,
    evidence_ids: JSON.stringify(input.evidenceIds ?? []),
    comment: input.comment ?? null,
    supersedes_id: null,
    is_void: 0,
    effective_at: at,
    recorded_at: at,
    actor_account_id: ctx.actor.accountId,
    actor_person_id: ctx.actor.personId,
  };
}

export type { StatusRow } from './assessment.repo.ts';

export interface StatusChange {
  before: repo.StatusRow | undefined;
  after: repo.StatusRow | undefined;
}
/** Current levels changed for some (person, competency) pairs: aggregates over the org tree follow. */
export const statusChanged = domainEvent<StatusChange[]>();

type StatusMap = Map<string, repo.StatusRow>;
const statusKey = (r: { person_id: string; item_id: string }) => `${r.person_id}|${r.item_id}`;
const STATUS_FIELDS: (keyof repo.StatusRow)[] = [
  'framework_id',
  'self_event_id',
  'self_level_code',
  'self_at',
  'confirmed_event_id',
  'confirmed_level_code',
  'confirmed_kind',
  'confirmed_at',
  'trained_event_id',
  'trained_at',
];
const sameStatus = (a: repo.StatusRow | undefined, b: repo.StatusRow | undefined) =>
  a === b || (a !== undefined && b !== undefined && STATUS_FIELDS.every((f) => a[f] === b[f]));

/**
 * Runs a projection write and announces the pairs whose status it changed (only when someone listens).
 * The statuses after the write are read back, or, when the caller can say what the write does to them
 * (`project`), worked out from the statuses before it: the people are locked, so nothing else moves them.
 */
async function announcingChanges(
  ctx: Ctx,
  personIds: string[],
  itemIds: string[],
  write: () => Promise<void>,
  project?: (before: StatusMap) => StatusMap,
) {
  if (!statusChanged.listened) return write();
  await people.lockPeople(ctx, [...new Set(personIds)]);
  const read = async (): Promise<StatusMap> =>
    new Map(
      (await repo.statusFor(ctx.db, ctx.tenantId, [...new Set(personIds)], [...new Set(itemIds)])).map((r) => [
        statusKey(r),
        r,
      ]),
    );
  const before = await read();
  await write();
  const after = project ? project(before) : await read();
  const changes = [...new Set([...before.keys(), ...after.keys()])]
    .map((key) => ({ before: before.get(key), after: after.get(key) }))
    .filter((c) => !sameStatus(c.before, c.after));
  if (changes.length > 0) await statusChanged.emit(ctx, changes);
}

/**
 * What `repo.advanceStatus` makes of these statuses: each event's column points at it unless the row
 * points at a later event already (the same rule as the upsert's condition).
 */
const emptyRow: Omit<repo.StatusRow, 'tenant_id' | 'person_id' | 'item_id' | 'framework_id'> = {
  self_event_id: null,
  self_level_code: null,
  self_at: null,
  confirmed_event_id: null,
  confirmed_level_code: null,
  confirmed_kind: null,
  confirmed_at: null,
  trained_event_id: null,
  trained_at: null,
};

function advanced(before: StatusMap, events: repo.EventRow[]): StatusMap {
  const after = new Map(before);
  for (const event of events) {
    const key = statusKey(event);
    const column = repo.columnFor(event.kind);
    const row: repo.StatusRow = after.get(key) ?? {
      ...emptyRow,
      tenant_id: event.tenant_id,
      person_id: event.person_id,
      item_id: event.item_id,
      framework_id: event.framework_id,
    };
    const [id, at] = [row[`${column}_event_id`], row[`${column}_at`]];
    if (at !== null && (at > event.effective_at || (at === event.effective_at && id! >= event.id))) continue;
    const pointer = { [`${column}_event_id`]: event.id, [`${column}_at`]: event.effective_at };
    if (column === 'self') after.set(key, { ...row, ...pointer, self_level_code: event.level_code });
    else if (column === 'confirmed')
      after.set(key, { ...row, ...pointer, confirmed_level_code: event.level_code, confirmed_kind: event.kind });
    else after.set(key, { ...row, ...pointer });
  }
  return after;
}

/**
 * Appends events to the ledger and brings the status projection up to date in the same
 * transaction. Callers have checked scope, items and levels. Other modules (training) record
 * through here.
 */
export async function recordEvents(ctx: Ctx, inputs: NewEvent[]): Promise<repo.EventRow[]> {
  return inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const rows = inputs.map((input) => eventRow(tx, input, at));
    await appendAndProject(tx, rows);
    await carryLateEvidence(tx, rows);
    return rows;
  });
}

async function appendAndProject(tx: Ctx, rows: repo.EventRow[]) {
  if (rows.length === 0) return;
  await repo.insertEvents(tx.db, rows);
  await announcingChanges(
    tx,
    rows.map((r) => r.person_id),
    rows.map((r) => r.item_id),
    () => repo.advanceStatus(tx.db, rows),
    (before) => advanced(before, rows),
  );
}

/**
 * Evidence recorded against a superseded version (a self-assessment begun before the new version was
 * published, a training module aligned to the old items) is carried into the lineage's current
 * version by the rule that version was published with, like the statuses carried at publishing.
 */
async function carryLateEvidence(tx: Ctx, rows: repo.EventRow[]) {
  for (const frameworkId of new Set(rows.map((r) => r.framework_id))) {
    if ((await frameworks.versionStatus(tx, frameworkId)) !== 'superseded') continue;
    const mine = rows.filter((r) => r.framework_id === frameworkId);
    // Imported lazily: carrying reads frameworks, whose publishing writes here.
    const { carryIntoCurrent } = await import('../frameworks/frameworks.versions.ts');
    await carryIntoCurrent(tx, frameworkId, {
      personIds: [...new Set(mine.map((r) => r.person_id))],
      itemIds: [...new Set(mine.map((r) => r.item_id))],
      columns: [...new Set(mine.map((r) => repo.columnFor(r.kind)))],
    });
  }
}

/** An item of a superseded version and the item of the newer version its statuses carry into. */
export interface CarryPair {
  fromItemId: string;
  toItemId: string;
}

/**
 * Carries the current statuses of some items into the items of a newer version, through the ledger:
 * each event a status points at is copied as a new event of the same kind and level on the new item,
 * with source `carried` naming the old event and the old event's effective time (so it never outranks
 * later evidence). The projection moves by the ordinary rules, so rebuilding it from the ledger gives
 * the same rows, and aggregates follow through `statusChanged`. A level the new version lacks is not
 * carried. Callers checked the versions; nothing here needs a scope (the ministry publishes).
 */
export async function carryStatuses(
  ctx: Ctx,
  toFrameworkId: string,
  pairs: CarryPair[],
  options: { levelCodes: Set<string>; personIds?: string[]; columns?: repo.StatusColumn[] },
): Promise<number> {
  if (pairs.length === 0) return 0;
  return inTransaction(ctx, async (tx) => {
    const target = new Map(pairs.map((p) => [p.fromItemId, p.toItemId]));
    const columns = new Set(options.columns ?? ['self', 'confirmed', 'trained']);
    const statuses = await repo.statusOfItems(tx.db, tx.tenantId, [...target.keys()], options.personIds);
    const eventIds = statuses.flatMap((r) =>
      [
        columns.has('self') ? r.self_event_id : null,
        columns.has('confirmed') ? r.confirmed_event_id : null,
        columns.has('trained') ? r.trained_event_id : null,
      ].filter((id): id is string => id !== null),
    );
    const events = await repo.eventsByIds(tx.db, tx.tenantId, eventIds);
    const at = nowIso();
    const rows = events
      .filter((e) => e.level_code === null || options.levelCodes.has(e.level_code))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => ({
        ...eventRow(
          tx,
          {
            ...fromRow(e),
            frameworkId: toFrameworkId,
            itemId: target.get(e.item_id)!,
            sourceType: 'carried',
            sourceId: e.id,
            comment: e.comment,
          },
          at,
        ),
        effective_at: e.effective_at,
      }));
    await appendAndProject(tx, rows);
    return rows.length;
  });
}

/** Per item, how many people have a self-assessed or confirmed level (the publish-impact preview). */
export async function ratingCounts(ctx: Ctx, itemIds: string[]): Promise<Map<string, number>> {
  return new Map((await repo.ratingCounts(ctx.db, ctx.tenantId, itemIds)).map((r) => [r.item_id, Number(r.n)]));
}

/**
 * A correction: a new event that replaces an earlier one of the same person, item and kind, and
 * says why. It takes the corrected event's place in time, so it does not outrank later evidence.
 */
export async function supersede(
  ctx: Ctx,
  personId: string,
  eventId: string,
  input: SupersedeInput,
): Promise<AssessmentEvent> {
  return inTransaction(ctx, async (tx) => {
    const earlier = await repo.getEvent(tx.db, tx.tenantId, eventId);
    if (!earlier) throw notFound('assessment_event', eventId);
    await requireSubject(tx, earlier.person_id, earlier.kind === 'self' ? 'assessment.read' : 'assessment.rate');
    if (earlier.person_id !== personId)
      throw new AppError('event_of_another_person', 'That event is about another person.', { eventId, personId });
    if (earlier.kind === 'self' ? tx.actor.personId !== personId : tx.actor.personId === personId)
      throw new AppError('forbidden', 'Only the author side of an event may correct it.', { eventId });
    // Corrections of one person's events run one at a time, so a void never falls back to an event
    // that another correction is withdrawing at the same moment.
    await people.lockPeople(tx, [personId]);
    if (await repo.supersederOf(tx.db, tx.tenantId, eventId))
      throw new AppError('already_superseded', 'That event was corrected already; correct the correction.', {
        eventId,
      });
    if (earlier.is_void) throw new AppError('event_void', 'A withdrawn event cannot be corrected.', { eventId });
    const standard = await loadStandard(tx, earlier.framework_id);
    const levelCode = input.void ? null : requireLevel(standard, input.levelCode!, 'body.levelCode');
    const row: repo.EventRow = {
      ...eventRow(tx, { ...fromRow(earlier), levelCode, comment: input.reason }, nowIso()),
      supersedes_id: earlier.id,
      is_void: input.void ? 1 : 0,
      effective_at: earlier.effective_at,
    };
    // A unique index on supersedes_id makes a concurrent second correction fail rather than fork.
    await repo.insertEvents(tx.db, [row]);
    const column = repo.columnFor(row.kind);
    const replacement = row.is_void
      ? ((await repo.latestEffective(tx.db, tx.tenantId, personId, row.item_id, kindsOf(column))) ?? null)
      : row;
    await announcingChanges(tx, [personId], [row.item_id], () =>
      repo.repointStatus(tx.db, tx.tenantId, personId, row.item_id, column, earlier.id, replacement),
    );
    await recordAudit(tx.db, tx, 'assessment_event.supersede', { type: 'assessment_event', id: row.id }, earlier, row);
    return toEvent(row, null, tx.actor.username);
  });
}

function fromRow(row: repo.EventRow): NewEvent {
  return {
    personId: row.person_id,
    frameworkId: row.framework_id,
    itemId: row.item_id,
    levelCode: row.level_code,
    kind: row.kind as EventKind,
    sourceType: row.source_type,
    sourceId: row.source_id,
    evidenceIds: JSON.parse(row.evidence_ids),
  };
}

function kindsOf(column: repo.StatusColumn): EventKind[] {
  if (column === 'self') return ['self'];
  if (column === 'trained') return ['training'];
  return ['assessor', 'observation', 'imported'];
}

export function toEvent(row: repo.EventRow, supersededById: string | null, actorName: string | null): AssessmentEvent {
  return {
    id: row.id,
    personId: row.person_id,
    frameworkId: row.framework_id,
    itemId: row.item_id,
    levelCode: row.level_code,
    kind: row.kind as EventKind,
    sourceType: row.source_type,
    sourceId: row.source_id,
    evidenceIds: JSON.parse(row.evidence_ids),
    comment: row.comment,
    supersedesId: row.supersedes_id,
    supersededById,
    void: row.is_void === 1,
    effectiveAt: row.effective_at,
    recordedAt: row.recorded_at,
    actorAccountId: row.actor_account_id,
    actorName,
  };
}

export async function listEvents(ctx: Ctx, personId: string, frameworkId?: string): Promise<AssessmentEvent[]> {
  await requireSubject(ctx, personId, 'assessment.read');
  const rows = await repo.eventsOfPerson(ctx.db, ctx.tenantId, personId, frameworkId);
  return rows.map((r) => toEvent(r, r.superseded_by_id, r.actor_username));
}

export function toStatus(row: repo.StatusRow): CompetencyStatus {
  return {
    itemId: row.item_id,
    selfLevelCode: row.self_level_code,
    selfAssessed: row.self_event_id !== null,
    selfAt: row.self_at,
    confirmedLevelCode: row.confirmed_level_code,
    confirmed: row.confirmed_event_id !== null,
    confirmedKind: row.confirmed_kind,
    confirmedAt: row.confirmed_at,
    trained: row.trained_event_id !== null,
    trainedAt: row.trained_at,
  };
}

export function emptyStatus(itemId: string): CompetencyStatus {
  return toStatus({
    tenant_id: '',
    person_id: '',
    framework_id: '',
    item_id: itemId,
    ...emptyRow,
  });
}

/** Current levels per competency, as the projection holds them. */
export async function statusOf(ctx: Ctx, personId: string, frameworkId?: string): Promise<CompetencyStatus[]> {
  await requireSubject(ctx, personId, 'assessment.read');
  return (await repo.statusOf(ctx.db, ctx.tenantId, personId, frameworkId)).map(toStatus);
}

/**
 * Confirmed levels (assessor-rated or observed) of a few people, per competency, for rules other
 * modules apply, such as who may lead training. No scope check: callers use it to answer yes or no,
 * and show levels only to readers they have checked with requireSubject.
 */
export async function confirmedLevels(
  ctx: Ctx,
  personIds: string[],
  frameworkId?: string,
): Promise<Map<string, Map<string, string | null>>> {
  const out = new Map<string, Map<string, string | null>>();
  for (const personId of new Set(personIds)) {
    const rows = await repo.statusOf(ctx.db, ctx.tenantId, personId, frameworkId);
    out.set(
      personId,
      new Map(rows.filter((r) => r.confirmed_event_id !== null).map((r) => [r.item_id, r.confirmed_level_code])),
    );
  }
  return out;
}

/** The projection was recomputed as a whole: whatever is derived from it is recomputed too. */
export const statusRebuilt = domainEvent<Record<string, never>>();

/** Recomputes the whole projection of the tenant from the ledger (`pathway rebuild-status`). */
export async function rebuildStatus(ctx: Ctx): Promise<{ rows: number }> {
  if (!ctx.actor.system) throw new AppError('forbidden', 'Only the system rebuilds the projection.');
  return inTransaction(ctx, async (tx) => {
    const rows = await repo.rebuildStatus(tx.db, tx.tenantId);
    await statusRebuilt.emit(tx, {});
    return { rows };
  });
}

/** Every status row of a person, unchecked: for projections that must follow the person when they move. */
export function statusRowsOf(ctx: Ctx, personId: string) {
  return repo.statusOf(ctx.db, ctx.tenantId, personId);
}
