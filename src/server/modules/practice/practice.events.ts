import type { Ctx } from '../../shared/context.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { trainingCompleted } from '../training/results.service.ts';
import * as followRepo from './followthrough.repo.ts';
import { scheduleFollowThrough } from './followthrough.service.ts';

/**
 * What practice does when other modules change things: a completed offering schedules
 * follow-through, and follow-through visits follow their teacher's placement (the unit lists read it
 * from the visit), in the transaction of the move.
 */
export function registerPractice() {
  trainingCompleted.on(scheduleFollowThrough);
  people.personPlaced.on(onPersonPlaced);
  people.peopleLoaded.on(onPeopleLoaded);
  org.subtreeMoved.on(onSubtreeMoved);
}

export function unregisterPractice() {
  trainingCompleted.off(scheduleFollowThrough);
  people.personPlaced.off(onPersonPlaced);
  people.peopleLoaded.off(onPeopleLoaded);
  org.subtreeMoved.off(onSubtreeMoved);
}

async function onPersonPlaced(
  ctx: Ctx,
  { before, after }: { before: people.Placement | null; after: people.Placement },
) {
  if (before && before.org_path !== after.org_path)
    await followRepo.placeTeacher(ctx.db, ctx.tenantId, after.id, after.org_path);
}

const onPeopleLoaded = (ctx: Ctx) => followRepo.placeAllTeachers(ctx.db, ctx.tenantId);

const onSubtreeMoved = (ctx: Ctx, e: { fromPath: string; toPath: string }) =>
  followRepo.moveSubtree(ctx.db, ctx.tenantId, e.fromPath, e.toPath);
