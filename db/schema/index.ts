export * from './accounts.ts';
export * from './audit.ts';
export * from './cohorts.ts';
export * from './progress.ts';
export * from './quizzes.ts';
export * from './setup.ts';
export * from './hours.ts';
export * from './certificates.ts';
