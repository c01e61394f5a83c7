/**
 * OCDS codes in plain words: the one table for every code a person reads. The codes are
 * those of the OCDS 1.1 codelists FTS publishes (tenderStatus for a tender and its lots,
 * awardStatus, contractStatus, method, milestoneStatus); the words follow each code's
 * definition in the OCDS codelist, as a bid manager would say it.
 */
export const CODE_WORDS = {
  tenderStatus: {
    planning: 'being planned',
    planned: 'planned',
    active: 'in progress',
    cancelled: 'cancelled',
    unsuccessful: 'unsuccessful',
    complete: 'complete',
    withdrawn: 'withdrawn',
  },
  awardStatus: {
    pending: 'proposed',
    active: 'made',
    cancelled: 'cancelled',
    unsuccessful: 'unsuccessful',
  },
  contractStatus: {
    pending: 'not yet signed',
    active: 'signed and in force',
    cancelled: 'cancelled',
    terminated: 'ended',
  },
  method: {
    open: 'Open procedure',
    selective: 'Selective procedure',
    limited: 'Limited procedure',
    direct: 'Direct award',
  },
  milestoneStatus: {
    scheduled: 'scheduled',
    met: 'met',
    notMet: 'not met',
    partiallyMet: 'partially met',
  },
} as const satisfies Record<string, Record<string, string>>;

export type Codelist = keyof typeof CODE_WORDS;

/**
 * A code in plain words; a code the codelist does not have is the data's own text, quoted,
 * so a reader sees it is what the data says and not ours.
 */
export function codeWords(list: Codelist, code: string): string {
  const words = (CODE_WORDS[list] as Record<string, string | undefined>)[code];
  return Object.hasOwn(CODE_WORDS[list], code) && words !== undefined ? words : `“${code}”`;
}
