import type { Route } from './http/route';
import { initiativeRoutes } from './functions/initiative';
import { lockRoutes } from './functions/locks';
import { reportRoutes } from './functions/reports';
import { requisitionRoutes } from './functions/requisitions';
import { roundRoutes } from './functions/rounds';
import { sessionRoutes } from './functions/session';
import { submissionFileRoutes } from './functions/submission-files';
import { submissionRoutes } from './functions/submissions';
import { templateRoutes } from './functions/templates';

/** Every HTTP function of Samla: registered with Azure Functions and served by the local development host. */
export const ROUTES: readonly Route[] = [
  ...sessionRoutes,
  ...submissionRoutes,
  ...submissionFileRoutes,
  ...templateRoutes,
  ...reportRoutes,
  ...requisitionRoutes,
  ...lockRoutes,
  ...initiativeRoutes,
  ...roundRoutes,
];
