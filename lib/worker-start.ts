/**
 * Imported first by the background, so evaluated before anything else it loads: marks when
 * its script started, for the time to its first answer (`WORKER_MARKS`, read by the bench).
 */
export const WORKER_MARKS = { start: 'tender-timeline:worker-start', firstAnswer: 'tender-timeline:worker-first-answer' } as const;

performance.mark(WORKER_MARKS.start);
