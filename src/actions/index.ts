import { auth } from './auth.ts';
import { caseFile } from './case-file.ts';
import { certificates } from './certificates.ts';
import { checklists } from './checklists.ts';
import { cohorts } from './cohorts.ts';
import { enrollment } from './enrollment.ts';
import { hours } from './hours.ts';
import { inspections } from './inspections.ts';
import { invitations } from './invitations.ts';
import { kpi } from './kpi.ts';
import { mail } from './mail.ts';
import { people } from './people.ts';
import { progress } from './progress.ts';
import { quiz } from './quiz.ts';
import { quizBank } from './quiz-bank.ts';
import { ranking } from './ranking.ts';
import { regrade } from './regrade.ts';
import { sessions } from './sessions.ts';

export const server = {
  auth,
  people,
  cohorts,
  enrollment,
  invitations,
  mail,
  progress,
  quiz,
  quizBank,
  hours,
  sessions,
  certificates,
  checklists,
  inspections,
  kpi,
  caseFile,
  ranking,
  regrade,
};
