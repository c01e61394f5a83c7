/** The user's settings: how often to refresh, and when to remind. */
import type { KeyDateType } from './timeline/types';

export interface Settings {
  /** Hours between background refreshes of the watchlist. */
  refreshHours: number;
  /** Days before a key date to remind, e.g. [7, 1]. */
  reminderLeadDays: number[];
  /** Which key dates get reminders. */
  reminderTypes: KeyDateType[];
  /** Notify when a watched procurement changes. */
  notifyChanges: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  refreshHours: 6,
  reminderLeadDays: [7, 1],
  reminderTypes: ['enquiryDeadline', 'expressionOfInterestDeadline', 'submissionDeadline'],
  notifyChanges: true,
};
