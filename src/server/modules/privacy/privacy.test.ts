import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp } from '../../../../test/http.ts';
import type { Database } from '../../db/database.ts';
import { buildApp } from '../../http/app.ts';
import { todayIso } from '../../shared/ids.ts';
import { diskStore } from '../../shared/storage.ts';
import * as ledger from '../assessment/assessment.service.ts';
import * as evidence from '../assessment/evidence.service.ts';
import { CreateCommunityBody, ThreadBody } from '../community/communities.schemas.ts';
import { createCommunity } from '../community/communities.service.ts';
import { ApplicationBody, CompetitionBody } from '../community/competitions.schemas.ts';
import * as competitions from '../community/competitions.service.ts';
import { CreateResourceBody } from '../community/resources.schemas.ts';
import * as resources from '../community/resources.service.ts';
import { createThread } from '../community/threads.service.ts';
import { registerMonitoring } from '../monitoring/aggregates.service.ts';
import { competencyDashboard } from '../monitoring/dashboard.service.ts';
import type { Person } from '../people/people.schemas.ts';
import { addMonths } from '../practice/coaching.links.ts';
import * as credentials from '../recognition/credentials.service.ts';
import { configureCredentials } from '../recognition/issuer.keys.ts';
import * as responses from '../surveys/responses.service.ts';
import * as rounds from '../surveys/rounds.service.ts';

configureCredentials({ publicUrl: 'https://pathway.test', keySecret: 'privacy-test-key-secret-0123' });

/**
 * Every text value of every table that contains one of `needles` (SQLite's LIKE ignores ASCII case, so
 * the folded text of FTS5 tables is caught too), and on PostgreSQL every search vector holding a
 * needle's words as a phrase.
 */
async function textContaining(database: Database, needles: string[]): Promise<string[]> {
  const schema =
    database.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s
      : undefined;
  const found: string[] = [];
  for (const table of await database.db.introspection.getTables()) {
    if (schema !== undefined && table.schema !== schema) continue;
    for (const column of table.columns) {
      if (column.dataType === 'tsvector') {
        for (const needle of needles) {
          const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}
            where ${sql.ref(column.name)} @@ phraseto_tsquery('simple', ${needle.toLowerCase()})`.execute(database.db);
          if (Number(rows[0]!.n) > 0) found.push(`${table.name}.${column.name} has ${needle}`);
        }
        continue;
      }
      const ftsText = table.name.endsWith('_fts') && column.dataType === '';
      if (!ftsText && !/text|char|clob/i.test(column.dataType)) continue;
      for (const needle of needles) {
        const { rows } = await sql<{ v: string }>`select ${sql.ref(column.name)} as v from ${sql.table(table.name)}
          where ${sql.ref(column.name)} like ${`%${needle}%`}`.execute(database.db);
        // Whole words only: NID12 is not in another person's NID129.
        const word = new RegExp(
          `(^|[^\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
          'iu',
        );
        if (rows.some((r) => word.test(String(r.v)))) found.push(`${table.name}.${column.name} has ${needle}`);
      }
    }
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describeOnEachDatabase('a person’s data on request', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let app: TestApp;
  let filesDir: string;
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let other: Person;
  let neighbour: Person;
  let admin: Awaited<ReturnType<typeof make.user>>;
  let regionBAdmin: Awaited<ReturnType<typeof make.user>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let sessions: Record<'teacher' | 'admin' | 'regionBAdmin' | 'leader', Session>;
  let evidenceKey: string;
  let credentialId: string;
  let resourceId: string;
  let sharedResourceId: string;
  let applicationId: string;
  let teammateFileKey: string;
  const fullName = () => `${teacher.person.givenName} ${teacher.person.familyName}`;

  beforeAll(async () => {
    registerMonitoring();
    const database = getDb();
    world = await make.country(database);
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-privacy-'));
    const files = diskStore(filesDir);
    app = await buildApp({
      config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' },
      database,
      files,
    } as Parameters<typeof buildApp>[0]);
    const standard = await make.publishedStandard(world.ctx);
    const item = standard.items.find((i) => i.type === 'competency')!;
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    await world.ctx.db
      .updateTable('person')
      .set({ email: 'teacher.privacy@example.org', phone: '+998 90 123 45 67', emis_id: 'EMIS-PRIV-1' })
      .where('id', '=', teacher.person.id)
      .execute();
    other = await make.person(world.ctx, world.schoolA1, { sex: 'female' });
    neighbour = await make.person(world.ctx, world.schoolA1b, { nationalId: `${teacher.person.nationalId}9` });
    admin = await make.user(world.ctx, 'admin', world.nation);
    regionBAdmin = await make.user(world.ctx, 'admin', world.regionB);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    // Six teachers rated, so the school's figures are shown, not suppressed.
    const rated = [teacher.person.id, other.id];
    for (let i = 0; i < 4; i++) rated.push((await make.person(world.ctx, world.schoolA1, { sex: 'female' })).id);
    for (const personId of rated) {
      await ledger.recordEvents(assessor.ctx, [
        { personId, frameworkId: standard.id, itemId: item.id, levelCode: 'KA', kind: 'assessor', sourceType: 'test' },
      ]);
    }
    const uploaded = await evidence.uploadEvidence(
      teacher.ctx,
      files,
      teacher.person.id,
      { title: `Lesson plan by ${fullName()}`, fileName: 'lesson.txt', itemIds: [item.id] },
      Buffer.from(`A lesson plan written by ${fullName()} (${teacher.person.nationalId}).\n`),
    );
    evidenceKey = (await world.ctx.db
      .selectFrom('evidence')
      .select('storage_key')
      .where('id', '=', uploaded.id)
      .executeTakeFirstOrThrow())!.storage_key!;
    await evidence.uploadEvidence(
      assessor.ctx,
      files,
      other.id,
      { title: 'Another teacher’s work', fileName: 'other.txt', itemIds: [item.id] },
      Buffer.from(`Work of ${other.givenName} ${other.familyName}\n`),
    );
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    credentialId = (
      await credentials.issueCredential(officer.ctx, {
        personId: teacher.person.id,
        achievement: {
          key: 'privacy-badge',
          name: { en: 'Classroom technology' },
          description: { en: 'Uses technology in class.' },
          criteria: { en: 'Confirmed at level 1.' },
          achievementType: 'Badge',
          alignments: [{ frameworkId: standard.id, itemId: item.id }],
        },
        source: { type: 'recognition_rule', id: 'privacy-badge' },
      })
    ).id;
    // A thread of their own that names them: kept as written, without their name, in the text and the search index.
    const community = await createCommunity(
      teacher.ctx,
      CreateCommunityBody.parse({
        kind: 'subject',
        name: 'ICT in school A1',
        unitId: world.schoolA1.id,
        subject: 'ICT',
      }),
    );
    await createThread(
      teacher.ctx,
      community.id,
      ThreadBody.parse({ title: 'Hello', body: `I am ${fullName()}, and this is my first lesson with tablets.` }),
    );
    // A lesson plan in the library they alone wrote, published; and one written with a colleague.
    const libraryItem = async (title: string, authorPersonIds: string[], file: string) => {
      const r = await resources.createResource(
        teacher.ctx,
        CreateResourceBody.parse({ kind: 'lesson_plan', title: { en: title }, licence: 'CC-BY-4.0', authorPersonIds }),
      );
      await resources.uploadResourceFile(teacher.ctx, files, r.id, 'plan.txt', Buffer.from(file));
      return r.id;
    };
    resourceId = await libraryItem('Tablets in grade 5', [], `Lesson plan by ${fullName()}.\n`);
    await resources.shareResource(teacher.ctx, resourceId, 'district');
    await resources.submitResource(teacher.ctx, resourceId);
    await resources.approveResource(admin.ctx, resourceId);
    const coAuthor = await make.person(world.ctx, world.schoolA1);
    sharedResourceId = await libraryItem('Robots in grade 6', [coAuthor.id], 'A lesson plan written together.\n');
    // A PBL application with a file of theirs, and one their team-mate added.
    const now = Date.now();
    const day = (d: number) => new Date(now + d * 86_400_000).toISOString();
    const call = await competitions.createCompetition(
      admin.ctx,
      CompetitionBody.parse({
        title: { en: 'PBL grants' },
        theme: { en: 'Water' },
        unitId: world.nation.id,
        currency: 'UZS',
        budgetTotal: 1000,
        maxPerGrant: 500,
        opensAt: day(-1),
        closesAt: day(10),
        reviewBy: day(20).slice(0, 10),
        decisionOn: day(25).slice(0, 10),
        reportingDue: day(200).slice(0, 10),
        rubric: [{ key: 'impact', title: { en: 'Impact' }, weight: 1, maxScore: 5 }],
      }),
    );
    const mate = await make.user(world.ctx, 'teacher', world.schoolA1);
    applicationId = (
      await competitions.createApplication(
        teacher.ctx,
        call.id,
        ApplicationBody.parse({
          title: 'Rainwater tank',
          summary: `Led by ${fullName()}.`,
          plan: 'Build it.',
          budgetRequested: 400,
          memberPersonIds: [mate.person.id],
        }),
      )
    ).id;
    await competitions.uploadFile(
      teacher.ctx,
      files,
      applicationId,
      'cv.txt',
      Buffer.from(`CV of ${fullName()}, ${teacher.person.nationalId}.\n`),
    );
    await competitions.uploadFile(mate.ctx, files, applicationId, 'budget.txt', Buffer.from('Budget: 400.\n'));
    teammateFileKey = (await world.ctx.db
      .selectFrom('competition_file')
      .select('storage_key')
      .where('added_by_person_id', '=', mate.person.id)
      .executeTakeFirstOrThrow())!.storage_key;
    // Nominated by the ministry to a regional project: the office's tenant holds the name given then.
    const at = new Date().toISOString();
    await world.ctx.db
      .insertInto('regional_participant')
      .values({
        tenant_id: 'regional-office',
        activity_id: 'project-1',
        country_tenant_id: world.ctx.tenantId,
        person_id: teacher.person.id,
        name: fullName(),
        school_name: 'School A1-1',
        nominated_by_account_id: null,
        nominated_at: at,
        attended: null,
      })
      .execute();
    await world.ctx.db
      .insertInto('regional_post')
      .values({
        tenant_id: 'regional-office',
        activity_id: 'project-1',
        id: 'post-1',
        author_tenant_id: world.ctx.tenantId,
        author_person_id: teacher.person.id,
        author_name: fullName(),
        body: 'Our class shared its river data with the partner school.',
        created_at: at,
      })
      .execute();
    sessions = {
      teacher: await signIn(app, teacher.username, teacher.password),
      admin: await signIn(app, admin.username, admin.password),
      regionBAdmin: await signIn(app, regionBAdmin.username, regionBAdmin.password),
      leader: await signIn(app, leader.username, leader.password),
    };
    surveyId = await make.publishedSurvey(world.ctx, {
      sections: [
        { key: 'use', title: { en: 'Use' }, questions: [{ key: 'how', type: 'short_text', text: { en: 'How' } }] },
      ],
    });
  });

  let surveyId: string;
  /** The teacher answers a named round: the answer waits on the response until the round is read. */
  async function answerSurvey(text: string) {
    const round = await rounds.createRound(world.ctx, surveyId, {
      title: { en: 'Named round' },
      unitId: world.schoolA1.id,
      population: { categories: ['teacher'] },
      anonymous: false,
      kind: 'general',
      opensOn: todayIso(),
      closesOn: addMonths(todayIso(), 1),
    });
    await responses.submit(await responses.asInvited(teacher.ctx, round.id), { how: text });
    return round.id;
  }

  afterAll(async () => {
    await app?.close();
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it('gives a person everything held about them, and nothing of another person', async () => {
    await answerSurvey(`Asked by ${fullName()}`);
    const res = await app.inject({ method: 'GET', url: '/api/me/export', headers: sessions.teacher.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const data = res.json();
    const table = (name: string) => data.tables.find((t: { table: string }) => t.table === name)?.rows ?? [];
    expect(table('person')[0]).toMatchObject({ id: teacher.person.id, national_id: teacher.person.nationalId });
    expect(table('user_account')[0]).toMatchObject({ username: teacher.username });
    expect(table('user_account')[0]).not.toHaveProperty('password_hash');
    expect(table('session').length).toBeGreaterThan(0);
    expect(table('session')[0]).not.toHaveProperty('csrf_token');
    expect(table('role_assignment')[0]).toMatchObject({ role: 'teacher' });
    expect(table('assessment_event')).toHaveLength(1);
    expect(table('competency_status')).toHaveLength(1);
    expect(table('evidence')[0]).toMatchObject({ file_name: 'lesson.txt' });
    expect(table('evidence')[0]).not.toHaveProperty('storage_key');
    expect(table('audit_log').length).toBeGreaterThan(0);
    expect(table('credential')).toHaveLength(1);
    // A survey answer kept on its response until the round is read is exported as an answer row.
    expect(table('survey_response')).toMatchObject([{ person_id: teacher.person.id, pending_answers: null }]);
    expect(table('survey_answer')).toMatchObject([{ question_key: 'how', value_text: `Asked by ${fullName()}` }]);
    expect(table('community_post')[0].body).toContain(fullName());
    // Rows in the regional office's tenant, found by the person's own tenant.
    expect(table('regional_participant')[0]).toMatchObject({ name: fullName(), activity_id: 'project-1' });
    expect(table('regional_post')[0]).toMatchObject({ id: 'post-1' });
    const text = res.body;
    for (const secret of [other.id, other.familyName, other.nationalId!, 'password_hash', 'token_hash', 'csrf_token']) {
      expect(text).not.toContain(secret);
    }
  });

  it('prints the export as a PDF in the reader’s language', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/me/export?format=pdf',
      headers: sessions.teacher.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets an administrator over the person export them, and no one else', async () => {
    const url = `/api/people/${teacher.person.id}/export`;
    const ok = await app.inject({ method: 'GET', url, headers: sessions.admin.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().personId).toBe(teacher.person.id);
    // An administrator of another region does not learn the person exists.
    const elsewhere = await app.inject({ method: 'GET', url, headers: sessions.regionBAdmin.headers });
    expect(elsewhere.statusCode).toBe(404);
    // A school leader sees the teacher but may not take their whole record.
    const leaderRes = await app.inject({ method: 'GET', url, headers: sessions.leader.headers });
    expect(leaderRes.statusCode).toBe(403);
    const erase = await app.inject({
      method: 'POST',
      url: `/api/people/${teacher.person.id}/erase`,
      headers: sessions.regionBAdmin.headers,
      payload: { confirm: teacher.person.id },
    });
    expect(erase.statusCode).toBe(404);
  });

  it('erases a person: no name or national id left anywhere, files gone, figures unchanged', async () => {
    const db = getDb();
    const board = () => competencyDashboard(admin.ctx, { unitId: world.nation.id, basis: 'confirmed' });
    const before = await board();
    const eventsBefore = await db.db
      .selectFrom('assessment_event')
      .select(['id', 'level_code'])
      .where('person_id', '=', teacher.person.id)
      .execute();
    const needles = [fullName(), teacher.person.familyName, teacher.person.nationalId!, 'EMIS-PRIV-1'];
    const waiting = await answerSurvey(`Written by ${fullName()}`);
    const found = await textContaining(db, needles);
    // The scan sees them where they are: the person, the audit log, the post and its search entry.
    for (const where of [
      'person.family_name',
      'community_post.body',
      'audit_log.after_json',
      'evidence.title',
      'regional_participant.name',
      'regional_post.author_name',
      'survey_answer.value_text',
      'survey_response.pending_answers',
    ])
      expect(found.some((f) => f.startsWith(where))).toBe(true);
    expect(found.some((f) => /^community_(fts\.body|search\.search_vector)/.test(f))).toBe(true);
    expect(fs.existsSync(path.join(filesDir, evidenceKey))).toBe(true);
    const filesBefore = filesUnder(filesDir);
    // Evidence of each teacher, two library files and two competition files.
    expect(filesBefore).toHaveLength(6);
    const resourceKeys = await db.db
      .selectFrom('resource')
      .select(['id', 'storage_key'])
      .where('id', 'in', [resourceId, sharedResourceId])
      .execute();
    const keyOf = (id: string) => path.join(filesDir, resourceKeys.find((r) => r.id === id)!.storage_key!);

    const wrong = await app.inject({
      method: 'POST',
      url: `/api/people/${teacher.person.id}/erase`,
      headers: sessions.admin.headers,
      payload: { confirm: other.id },
    });
    expect(wrong.statusCode).toBe(400);

    const res = await app.inject({
      method: 'POST',
      url: `/api/people/${teacher.person.id}/erase`,
      headers: sessions.admin.headers,
      payload: { confirm: teacher.person.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accountsDisabled: 1,
      evidenceFilesRemoved: 1,
      libraryFilesRemoved: 1,
      resourcesWithdrawn: 1,
      competitionFilesRemoved: 1,
      filesNotRemoved: 0,
    });

    expect(await textContaining(db, [...needles, 'teacher.privacy@example.org', '123 45 67'])).toEqual([]);
    // The answer that waited on its response is an answer row now, its name replaced.
    const answer = await db.db
      .selectFrom('survey_answer')
      .select('value_text')
      .where('round_id', '=', waiting)
      .executeTakeFirstOrThrow();
    expect(answer.value_text).toBe(`Written by ${res.json().pseudonym}`);
    expect(fs.existsSync(path.join(filesDir, evidenceKey))).toBe(false);
    expect(fs.existsSync(keyOf(resourceId))).toBe(false);
    for (const file of filesUnder(filesDir)) {
      const content = fs.readFileSync(file, 'utf8');
      for (const needle of needles) expect(content).not.toContain(needle);
    }
    // What is left is other people's: the other teacher's evidence, the team-mate's budget and the
    // file of the resource written with a colleague.
    expect(filesUnder(filesDir).sort()).toEqual(
      [
        ...filesBefore.filter((f) => f.includes(`${path.sep}competitions${path.sep}`) === false),
        path.join(filesDir, teammateFileKey),
      ]
        .filter((f) => f !== path.join(filesDir, evidenceKey) && f !== keyOf(resourceId))
        .sort(),
    );
    expect(fs.existsSync(keyOf(sharedResourceId))).toBe(true);
    // The library entry they alone wrote is withdrawn, its file gone, with the reason stated.
    const withdrawn = await db.db
      .selectFrom('resource')
      .select(['status', 'sharing', 'visible_path', 'storage_key', 'file_name', 'review_reason'])
      .where('id', '=', resourceId)
      .executeTakeFirstOrThrow();
    expect(withdrawn).toMatchObject({
      status: 'draft',
      sharing: 'private',
      visible_path: null,
      storage_key: null,
      file_name: null,
    });
    expect(withdrawn.review_reason).toMatch(/erased/);
    // The application keeps its team-mate's file only.
    const left = await db.db
      .selectFrom('competition_file')
      .select('storage_key')
      .where('application_id', '=', applicationId)
      .execute();
    expect(left.map((f) => f.storage_key)).toEqual([teammateFileKey]);

    expect(await board()).toEqual(before);
    const eventsAfter = await db.db
      .selectFrom('assessment_event')
      .select(['id', 'level_code'])
      .where('person_id', '=', teacher.person.id)
      .execute();
    expect(eventsAfter).toEqual(eventsBefore);
    const person = await db.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', teacher.person.id)
      .executeTakeFirstOrThrow();
    expect(`${person.given_name} ${person.family_name}`).toMatch(/^Erased person [0-9a-f]{8}$/);
    expect(person).toMatchObject({ national_id: null, emis_id: null, email: null, phone: null, sex: null });
    const kept = await db.db
      .selectFrom('evidence')
      .select(['file_name', 'storage_key'])
      .where('person_id', '=', teacher.person.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ file_name: 'erased', storage_key: null });

    // Another person whose national id starts with the erased one keeps it, in their record and audit trail.
    const neighbourRow = await db.db
      .selectFrom('person')
      .select('national_id')
      .where('id', '=', neighbour.id)
      .executeTakeFirstOrThrow();
    expect(neighbourRow.national_id).toBe(neighbour.nationalId);
    const created = await db.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', neighbour.id)
      .where('action', '=', 'person.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(created.after_json!).nationalId).toBe(neighbour.nationalId);

    // The credential stays as issued and verifiable; its public page names the pseudonym.
    const verify = await app.inject({ method: 'GET', url: `/api/public/credentials/${credentialId}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({
      status: 'active',
      holderName: `Erased person ${teacher.person.id.replaceAll('-', '').slice(-8)}`,
      verification: { verified: true, errors: [] },
    });
    expect(res.json().credentials).toBe(1);

    // The audit entry says what went, not what it was.
    const entry = await db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.erase')
      .where('entity_id', '=', teacher.person.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!).erasedFields).toEqual(['name', 'nationalId', 'emisId', 'email', 'phone']);

    // Their sign-in is gone, and a second erasure is refused.
    const signInAgain = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: teacher.username, password: teacher.password },
    });
    expect(signInAgain.statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/api/me/export', headers: sessions.teacher.headers });
    expect(me.statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: `/api/people/${teacher.person.id}/erase`,
      headers: sessions.admin.headers,
      payload: { confirm: teacher.person.id },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('person_already_erased');
  });

  it('does not let an administrator erase themselves', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/people/${admin.person.id}/erase`,
      headers: sessions.admin.headers,
      payload: { confirm: admin.person.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('erase_own_person');
  });
});
