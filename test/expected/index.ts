import { fileURLToPath } from 'node:url';
import type { ExpectedEvent, ExpectedProcurement } from './types.ts';
import { expected as recordDeltaDeadlineMoves } from './record-delta-deadline-moves.ts';
import { expected as uk4EnquiryAndSubmission } from './uk4-enquiry-and-submission.ts';
import { expected as uk4TwoStageEoi } from './uk4-two-stage-eoi.ts';
import { expected as uk6AwardStandstill } from './uk6-award-standstill.ts';
import { expected as uk7ContractSigned } from './uk7-contract-signed.ts';
import { expected as uk10ContractChange } from './uk10-contract-change.ts';
import { expected as uk12TerminationStub } from './uk12-termination-stub.ts';
import { expected as uk12LotCancelled } from './uk12-lot-cancelled.ts';
import { expected as oldRegimeF02F03F14 } from './old-regime-f02-f03-f14.ts';
import { expected as framework20Lots } from './framework-20-lots.ts';
import { expected as real05cfd9 } from './ocds-h6vhtk-05cfd9.ts';
import { expected as real067b89 } from './ocds-h6vhtk-067b89.ts';
import { expected as real06a838 } from './ocds-h6vhtk-06a838.ts';
import { expected as real06bae5 } from './ocds-h6vhtk-06bae5.ts';

export type { ExpectedEvent, ExpectedProcurement } from './types.ts';

export interface FixtureCase {
  /** Absolute path of the fixture JSON file. */
  file: string;
  /** The whole timeline, in final sorted order. */
  expected: ExpectedEvent[];
  procurement: ExpectedProcurement;
}

/** Fixtures written for this project (test/fixtures/ocds/). */
const own = (name: string): string => fileURLToPath(new URL(`../fixtures/ocds/${name}`, import.meta.url));
/** Real FTS compiled records (test/fixtures/fts/records/). */
const real = (name: string): string => fileURLToPath(new URL(`../fixtures/fts/records/${name}`, import.meta.url));

/** Fixture file name → its file, expected timeline and expected procurement summary. */
export const fixtures: Record<string, FixtureCase> = {
  'record-delta-deadline-moves.json': {
    file: own('record-delta-deadline-moves.json'),
    expected: recordDeltaDeadlineMoves,
    procurement: { ocid: 'ocds-h6vhtk-05c8e4', title: 'Highways Drainage, Gully Cleansing and CCTV Survey Services', buyer: 'Bristol City Council' },
  },
  'uk4-enquiry-and-submission.json': {
    file: own('uk4-enquiry-and-submission.json'),
    expected: uk4EnquiryAndSubmission,
    procurement: { ocid: 'ocds-h6vhtk-065d4e', title: 'Provision of Non-Emergency Patient Transport Services', buyer: 'Leeds Teaching Hospitals NHS Trust' },
  },
  'uk4-two-stage-eoi.json': {
    file: own('uk4-two-stage-eoi.json'),
    expected: uk4TwoStageEoi,
    procurement: { ocid: 'ocds-h6vhtk-0681c7', title: 'Bee Network Ticketing Back-Office System', buyer: 'Greater Manchester Combined Authority' },
  },
  'uk6-award-standstill.json': {
    file: own('uk6-award-standstill.json'),
    expected: uk6AwardStandstill,
    procurement: { ocid: 'ocds-h6vhtk-054a27', title: 'Supported Living Services for Adults with Learning Disabilities', buyer: 'Cornwall Council' },
  },
  'uk7-contract-signed.json': {
    file: own('uk7-contract-signed.json'),
    expected: uk7ContractSigned,
    procurement: { ocid: 'ocds-h6vhtk-062f51', title: 'Data Platform Engineering Support', buyer: 'Department for Education' },
  },
  'uk10-contract-change.json': {
    file: own('uk10-contract-change.json'),
    expected: uk10ContractChange,
    procurement: { ocid: 'ocds-h6vhtk-04f7b6', title: 'Gritting Fleet Maintenance and Repair', buyer: 'Sheffield City Council' },
  },
  'uk12-termination-stub.json': {
    file: own('uk12-termination-stub.json'),
    expected: uk12TerminationStub,
    procurement: { ocid: 'ocds-h6vhtk-05b3f0' },
  },
  'uk12-lot-cancelled.json': {
    file: own('uk12-lot-cancelled.json'),
    expected: uk12LotCancelled,
    procurement: { ocid: 'ocds-h6vhtk-066f21', title: 'Highways Winter Maintenance Services', buyer: 'Norfolk County Council' },
  },
  'old-regime-f02-f03-f14.json': {
    file: own('old-regime-f02-f03-f14.json'),
    expected: oldRegimeF02F03F14,
    procurement: { ocid: 'ocds-h6vhtk-0438c1', title: 'Supply and Delivery of Rock Salt', buyer: 'Norfolk County Council' },
  },
  'framework-20-lots.json': {
    file: own('framework-20-lots.json'),
    expected: framework20Lots,
    procurement: { ocid: 'ocds-h6vhtk-06905b', title: 'Estates Professional Services 2', buyer: 'Crown Commercial Service' },
  },
  'ocds-h6vhtk-05cfd9.json': {
    file: real('ocds-h6vhtk-05cfd9.json'),
    expected: real05cfd9,
    procurement: { ocid: 'ocds-h6vhtk-05cfd9', title: 'Out of Court Resolution', buyer: 'The Police and Crime Commissioner for Leicestershire' },
  },
  'ocds-h6vhtk-067b89.json': {
    file: real('ocds-h6vhtk-067b89.json'),
    expected: real067b89,
    procurement: {
      ocid: 'ocds-h6vhtk-067b89',
      title: 'West Midlands First Contact Assessment and Referral, Restorative Justice, and Hate Crime Victims Services',
      buyer: 'Police and Crime Commissioner for West Midlands',
    },
  },
  'ocds-h6vhtk-06a838.json': {
    file: real('ocds-h6vhtk-06a838.json'),
    expected: real06a838,
    procurement: { ocid: 'ocds-h6vhtk-06a838', title: 'Victim Support & Restorative Practice', buyer: 'The Office of the Police and Crime Commissioner for Cleveland' },
  },
  'ocds-h6vhtk-06bae5.json': {
    file: real('ocds-h6vhtk-06bae5.json'),
    expected: real06bae5,
    procurement: {
      ocid: 'ocds-h6vhtk-06bae5',
      title: 'The Provision of a Hate Crime, Antisocial Behaviour and Mediation Service',
      buyer: 'Police, Fire & Crime Commissioner for Staffordshire',
    },
  },
};
