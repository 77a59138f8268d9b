/** The lesson registry, in teaching order. */
import type { Lesson } from './types';
import clusterTour from './01-cluster-tour/lesson';
import firstDeployment from './02-first-deployment/lesson';
import services from './03-services/lesson';
import selfHealing from './04-self-healing/lesson';
import rollingUpdate from './05-rolling-update/lesson';
import scaling from './06-scaling/lesson';
import configAndSecrets from './07-config-and-secrets/lesson';
import scheduling from './08-scheduling/lesson';
import batchJobs from './09-batch-jobs/lesson';
import storage from './10-storage/lesson';
import fromCompose, { composeFile } from './11-from-compose/lesson';

export const LESSONS: readonly Lesson[] = [
  clusterTour,
  firstDeployment,
  services,
  selfHealing,
  rollingUpdate,
  scaling,
  configAndSecrets,
  scheduling,
  batchJobs,
  storage,
  fromCompose,
];

/** Extra files a lesson puts in the editor beside its step files. */
export const EXTRA_FILES: Record<string, { path: string; content: string }[]> = {
  'from-compose': [composeFile],
};

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Lesson, LessonStep, ClusterView, Text, Lang } from './types';
export { defineLesson } from './types';
