import { trainingCompleted } from '../training/results.service.ts';
import { scheduleFollowThrough } from './followthrough.service.ts';

/** What practice does when other modules change things: a completed offering schedules follow-through. */
export function registerPractice() {
  trainingCompleted.on(scheduleFollowThrough);
}

export function unregisterPractice() {
  trainingCompleted.off(scheduleFollowThrough);
}
