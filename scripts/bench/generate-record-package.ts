/**
 * Deterministic generator of FTS-like OCDS record packages for the benchmark.
 *
 * One procurement under the Procurement Act 2023: a full UK4 tender notice, then
 * `tenderUpdate` deltas (deadlines move, description and lot values change, documents are
 * added, amendments listed), then UK6 contract award notices (awards with standstill
 * periods), UK6 award corrections, UK7 contract details notices (contracts) and UK10
 * contract change notices. Every release is a distinct notice with a later date. The
 * record's `compiledRelease` and `versionedRelease` are built from the releases with the
 * OCDS merge rules (see ocds-record.ts); `versionedRelease` is what makes real FTS record
 * packages huge.
 *
 * Same options, same bytes: the randomness is a seeded PRNG, never Math.random, and no
 * clock is read.
 */
import { compileReleases, versionReleases, type Json, type JsonObject } from './ocds-record.ts';
import { Prng } from './prng.ts';

export interface GenerateOptions {
  /** Number of releases (notices), ≥ 1. The first is the UK4 tender notice. */
  releases: number;
  /** Number of lots, ≥ 1. */
  lots: number;
  /** Length of `tender.description` (lot descriptions are a fifth of it). */
  descriptionBytes: number;
  seed: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FTS = 'https://www.find-tender.service.gov.uk';
const PUBLISHER = 'h6vhtk';

// ---------------------------------------------------------------- dates, in UK time

/** 01:00 UTC on the last Sunday of a month: when UK clocks change. */
function lastSundayAt1Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay(), 1, 0, 0);
}

function londonOffsetHours(ms: number): 0 | 1 {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9) ? 1 : 0;
}

/** ISO 8601 as FTS writes it: London local time with `+01:00` in summer, `Z` in winter. */
function iso(ms: number): string {
  const offset = londonOffsetHours(ms);
  const local = new Date(ms + offset * HOUR).toISOString().slice(0, 19);
  return offset ? `${local}+01:00` : `${local}Z`;
}

/** The instant of a London wall-clock time on the London calendar day of `ms`. */
function londonTimeOnDay(ms: number, hours: number, minutes: number, seconds: number): number {
  const localMidnight = Math.floor((ms + londonOffsetHours(ms) * HOUR) / DAY) * DAY;
  const wall = localMidnight + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return wall - londonOffsetHours(wall - HOUR) * HOUR;
}

const endOfDay = (ms: number): number => londonTimeOnDay(ms, 23, 59, 59);
const startOfDay = (ms: number): number => londonTimeOnDay(ms, 0, 0, 0);

function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

const longDate = (ms: number): string =>
  new Date(ms + londonOffsetHours(ms) * HOUR).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

// ---------------------------------------------------------------- vocabulary

interface Buyer {
  name: string;
  street: string;
  locality: string;
  postalCode: string;
  region: string;
  email: string;
  classification: [string, string];
}

const BUYERS: readonly Buyer[] = [
  { name: 'The Police and Crime Commissioner for Leicestershire', street: 'St Johns', locality: 'Leicester', postalCode: 'LE19 2BX', region: 'UKF22', email: 'procurement@leics.police.uk', classification: ['publicAuthoritySubCentralGovernment', 'Public authority - sub-central government'] },
  { name: 'Birmingham City Council', street: 'Council House, Victoria Square', locality: 'Birmingham', postalCode: 'B1 1BB', region: 'UKG31', email: 'procurement@birmingham.gov.uk', classification: ['publicAuthoritySubCentralGovernment', 'Public authority - sub-central government'] },
  { name: 'Manchester University NHS Foundation Trust', street: 'Cobbett House, Oxford Road', locality: 'Manchester', postalCode: 'M13 9WL', region: 'UKD33', email: 'commercial@mft.nhs.uk', classification: ['publicAuthoritySubCentralGovernment', 'Public authority - sub-central government'] },
  { name: 'Crown Commercial Service', street: '9th Floor, The Capital, Old Hall Street', locality: 'Liverpool', postalCode: 'L3 9PP', region: 'UKD72', email: 'info@crowncommercial.gov.uk', classification: ['publicAuthorityCentralGovernment', 'Public authority - central government'] },
  { name: 'Transport for London', street: '5 Endeavour Square', locality: 'London', postalCode: 'E20 1JN', region: 'UKI41', email: 'procurement@tfl.gov.uk', classification: ['publicUndertaking', 'Public undertaking'] },
  { name: 'The University of Sheffield', street: 'Western Bank', locality: 'Sheffield', postalCode: 'S10 2TN', region: 'UKE32', email: 'purchasing@sheffield.ac.uk', classification: ['publicAuthoritySubCentralGovernment', 'Public authority - sub-central government'] },
];

interface Subject {
  title: string;
  category: 'services' | 'goods' | 'works';
  lotNames: readonly string[];
  cpv: readonly (readonly [string, string])[];
}

const SUBJECTS: readonly Subject[] = [
  {
    title: 'Victim Support and Restorative Justice Services',
    category: 'services',
    lotNames: ['First Contact Assessment and Referral', 'Restorative Justice', 'Hate Crime Support', 'ASB and Mediation', 'Young Victims Service', 'Independent Advocacy'],
    cpv: [['75110000', 'General public services'], ['75200000', 'Provision of services to the community'], ['75230000', 'Justice services'], ['75231200', 'Services related to the detention or rehabilitation of criminals'], ['75241100', 'Police services'], ['79110000', 'Legal advisory and representation services'], ['85312300', 'Guidance and counselling services'], ['85312500', 'Rehabilitation services'], ['98000000', 'Other community, social and personal services']],
  },
  {
    title: 'Digital, Data and Technology Services Framework',
    category: 'services',
    lotNames: ['Software Development', 'Cloud Hosting', 'Cyber Security', 'Data Analytics', 'User Research', 'Service Desk', 'Network Services', 'Digital Accessibility'],
    cpv: [['72000000', 'IT services: consulting, software development, Internet and support'], ['72212000', 'Programming services of application software'], ['72222300', 'Information technology services'], ['72310000', 'Data-processing services'], ['72415000', 'World Wide Web (www) site operation host services'], ['48000000', 'Software package and information systems'], ['79411000', 'General management consultancy services'], ['72600000', 'Computer support and consultancy services']],
  },
  {
    title: 'Highways Maintenance and Minor Works',
    category: 'works',
    lotNames: ['Carriageway Resurfacing', 'Street Lighting', 'Drainage', 'Structures and Bridges', 'Winter Maintenance', 'Traffic Signals', 'Footway Repairs'],
    cpv: [['45000000', 'Construction work'], ['45233141', 'Road-maintenance works'], ['45233142', 'Road-repair works'], ['45316110', 'Installation of road lighting equipment'], ['45232450', 'Drainage construction works'], ['90620000', 'Snow-clearing services'], ['50232000', 'Maintenance services of public-lighting installations and traffic lights'], ['71311000', 'Civil engineering consultancy services']],
  },
  {
    title: 'Facilities Management and Cleaning Services',
    category: 'services',
    lotNames: ['Cleaning', 'Catering', 'Grounds Maintenance', 'Security Guarding', 'Waste Management', 'Hard Facilities Management'],
    cpv: [['90910000', 'Cleaning services'], ['55520000', 'Catering services'], ['77310000', 'Planting and maintenance services of green areas'], ['79713000', 'Guard services'], ['90500000', 'Refuse and waste related services'], ['50700000', 'Repair and maintenance services of building installations'], ['79993100', 'Facilities management services']],
  },
  {
    title: 'Supply of Medical Equipment and Consumables',
    category: 'goods',
    lotNames: ['Infusion Pumps', 'Patient Monitoring', 'Wound Care', 'Surgical Instruments', 'Diagnostic Imaging', 'Mobility Aids'],
    cpv: [['33100000', 'Medical equipments'], ['33140000', 'Medical consumables'], ['33194110', 'Infusion pumps'], ['33195100', 'Monitors'], ['33169000', 'Surgical instruments'], ['33111000', 'X-ray devices'], ['33193000', 'Invalid carriages, wheelchairs and associated devices']],
  },
];

const OPENERS = ['The contracting authority', 'The buyer', 'The service provider', 'The successful supplier', 'Each lot', 'The contract', 'This procurement', 'The framework'];
const VERBS = ['will deliver', 'is seeking to commission', 'must provide', 'will be expected to coordinate', 'shall maintain', 'will support', 'is required to develop', 'will manage'];
const OBJECTS = ['a free, confidential and high-quality service', 'timely information, advice and guidance', 'one-to-one support for service users', 'trauma-informed care across the region', 'planned and reactive maintenance', 'secure and accessible digital services', 'a programme of continuous improvement', 'effective partnership working with local organisations', 'social value commitments under the Procurement Act 2023'];
const QUALIFIERS = ['across all districts of the area', 'in line with the service specification', 'from 1 April 2027 for an initial term of four years', 'with optional extensions of up to two years', 'subject to satisfactory performance', 'within the budget set out in the tender documents', 'in accordance with the Procurement Act 2023', 'using the e-tendering portal for all correspondence', 'at a value of circa £1.2m per annum', 'with key performance indicators reported quarterly'];
const CLARIFICATIONS = ['The clarification deadline has been revised', 'Additional tender documents have been published on the portal', 'The pricing schedule has been corrected', 'The market engagement event slides are now available', 'Answers to supplier questions have been published', 'The evaluation methodology has been clarified', 'Lot values have been revised following budget approval', 'The contract start date has been updated'];
const SUPPLIER_PARTS_A = ['Northern', 'Albion', 'Crown', 'Meridian', 'Pennine', 'Thames', 'Severn', 'Summit', 'Beacon', 'Kestrel', 'Harbour', 'Oakwood'];
const SUPPLIER_PARTS_B = ['Support Services', 'Digital', 'Facilities', 'Consulting', 'Healthcare', 'Infrastructure', 'Solutions', 'Partnerships', 'Care'];

function sentence(rng: Prng): string {
  return `${rng.pick(OPENERS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(QUALIFIERS)}.`;
}

/** Sentences whose joined length reaches `bytes` (at least one sentence). */
function sentences(rng: Prng, bytes: number): string[] {
  const out = [sentence(rng)];
  let length = out[0]?.length ?? 0;
  while (length < bytes) {
    const next = sentence(rng);
    out.push(next);
    length += next.length + 1;
  }
  return out;
}

/** A changed description: one sentence rewritten or a clarification added, about the same length. */
function editSentences(rng: Prng, current: readonly string[], bytes: number, counter: number): string[] {
  const next = [...current];
  if (next.length > 1 && rng.chance(0.5)) {
    next[rng.int(1, next.length - 1)] = sentence(rng);
  } else {
    next.push(`Update ${counter}: ${rng.pick(CLARIFICATIONS).toLowerCase()} (${rng.int(1, 99)} changes).`);
    let length = next.join(' ').length;
    while (next.length > 2 && length > bytes + 80) {
      length -= (next[1]?.length ?? 0) + 1;
      next.splice(1, 1);
    }
  }
  return next;
}

const money = (amount: number): number => Math.round(amount * 100) / 100;

function value(amount: number): JsonObject {
  return { amountGross: money(amount * 1.2), amount: money(amount), currency: 'GBP' };
}

function letters(rng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(65 + rng.int(0, 25));
  return out;
}

function digits(rng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

// ---------------------------------------------------------------- the procurement

interface Lot {
  id: string;
  title: string;
  description: string[];
  amount: number;
  start: number;
  end: number;
  maxExtent: number;
}

interface Award {
  id: string;
  lotIds: string[];
  supplierId: string;
  amount: number;
  standstillEnd: number;
  start: number;
  end: number;
}

interface Contract {
  id: string;
  award: Award;
  end: number;
  amount: number;
}

class Procurement {
  readonly rng: Prng;
  readonly textRng: Prng;
  readonly options: GenerateOptions;
  readonly ocid: string;
  readonly buyer: Buyer;
  readonly buyerId: string;
  readonly subject: Subject;
  readonly tenderId: string;
  readonly releases: JsonObject[] = [];

  private clock: number;
  private readonly lastNoticeNumber = new Map<number, number>();
  private title: string;
  private description: string[];
  private deadline = 0;
  private enquiryEnd = 0;
  private awardStart = 0;
  private awardEnd = 0;
  private futureNotice: number | undefined;
  private lots: Lot[] = [];
  private awards: Award[] = [];
  private contracts: Contract[] = [];
  private documentCount = 0;
  private updateCount = 0;

  constructor(options: GenerateOptions) {
    this.options = options;
    this.rng = new Prng(options.seed);
    // Text has its own stream: the description length then changes only the words, never
    // which fields change in which release, so the size grows smoothly with it.
    this.textRng = new Prng(options.seed ^ 0x5bd1e995);
    const rng = this.rng;
    this.ocid = `ocds-${PUBLISHER}-0${rng.int(0x50000, 0x6ffff).toString(16)}`;
    this.buyer = rng.pick(BUYERS);
    this.buyerId = `GB-PPON-P${letters(rng, 3)}-${digits(rng, 4)}-${letters(rng, 4)}`;
    this.subject = rng.pick(SUBJECTS);
    this.tenderId = `${letters(rng, 3)}-${digits(rng, 7)}`;
    this.title = this.subject.title;
    this.description = sentences(this.textRng, options.descriptionBytes);
    // Start on a day between March and October 2025, in the morning.
    this.clock = Date.UTC(2025, 2, 3, 9, 0, 0) + rng.int(0, 220) * DAY + rng.int(0, 8 * 3600) * 1000;
  }

  get awarded(): readonly Award[] {
    return this.awards;
  }

  private advance(minHours: number, maxHours: number): number {
    this.clock += this.rng.int(minHours, maxHours) * HOUR + this.rng.int(0, 3599) * 1000;
    return this.clock;
  }

  /** A new notice id: `NNNNNN-YYYY`, increasing through the year as on FTS. */
  private noticeId(at: number): string {
    const year = new Date(at).getUTCFullYear();
    const dayOfYear = Math.floor((at - Date.UTC(year, 0, 1)) / DAY);
    const previous = this.lastNoticeNumber.get(year) ?? 0;
    const number = Math.max(previous + 1 + this.rng.int(0, 40), dayOfYear * 290 + this.rng.int(0, 250));
    this.lastNoticeNumber.set(year, number);
    return `${String(number).padStart(6, '0')}-${year}`;
  }

  private noticeDocument(id: string, at: number, noticeType: string, documentType: string, name: string): JsonObject {
    return { id, documentType, noticeType, description: `${name} on Find a Tender`, url: `${FTS}/Notice/${id}`, datePublished: iso(at), format: 'text/html' };
  }

  private release(id: string, at: number, tag: string[], body: JsonObject): JsonObject {
    const release: JsonObject = { ocid: this.ocid, id, date: iso(at), tag, initiationType: 'tender', ...body };
    this.releases.push(release);
    return release;
  }

  private lotJson(lot: Lot): JsonObject {
    return {
      id: lot.id,
      title: lot.title,
      description: lot.description.join(' '),
      status: 'active',
      value: value(lot.amount),
      awardCriteria: {
        criteria: [
          { type: 'quality', name: 'Quality', numbers: [{ number: 70, weight: 'percentageExact' }] },
          { type: 'price', name: 'Price', numbers: [{ number: 30, weight: 'percentageExact' }] },
        ],
      },
      suitability: { sme: true, vcse: this.rng.chance(0.6) },
      contractPeriod: this.lotPeriod(lot),
      hasRenewal: true,
      renewal: { description: 'Up to 2 x 12 month optional extensions' },
    };
  }

  private lotPeriod(lot: Lot): JsonObject {
    return { startDate: iso(lot.start), endDate: iso(lot.end), maxExtentDate: iso(lot.maxExtent) };
  }

  private tenderValue(): JsonObject {
    return value(this.lots.reduce((sum, lot) => sum + lot.amount, 0));
  }

  /** UK4: the full tender notice. */
  tenderNotice(): void {
    const rng = this.rng;
    const at = this.clock;
    const id = this.noticeId(at);
    const lotBytes = Math.max(40, Math.round(this.options.descriptionBytes / 5));
    const contractStart = startOfDay(addMonths(at, rng.int(6, 12)));
    for (let i = 0; i < this.options.lots; i++) {
      const start = contractStart + rng.int(0, 2) * 31 * DAY;
      const end = endOfDay(addMonths(start, 12 * rng.int(2, 4)) - DAY);
      this.lots.push({
        id: String(i + 1),
        title: `${rng.pick(this.subject.lotNames)}${this.options.lots > this.subject.lotNames.length ? ` (${i + 1})` : ''}`,
        description: sentences(this.textRng, lotBytes),
        amount: rng.int(50, 5000) * 1000 + rng.int(0, 99999) / 100,
        start,
        end,
        maxExtent: endOfDay(addMonths(end, 12 * rng.int(1, 2))),
      });
    }
    this.deadline = londonTimeOnDay(at + rng.int(25, 45) * DAY, rng.pick([12, 14, 17]), 0, 0);
    this.enquiryEnd = londonTimeOnDay(this.deadline - rng.int(5, 10) * DAY, 17, 0, 0);
    this.awardStart = startOfDay(this.deadline + rng.int(7, 21) * DAY);
    this.awardEnd = endOfDay(this.awardStart + rng.int(14, 45) * DAY);
    this.futureNotice = endOfDay(this.awardEnd + rng.int(7, 30) * DAY);

    const items: Json[] = this.lots.map((lot) => ({
      id: lot.id,
      additionalClassifications: rng
        .sample(this.subject.cpv, rng.int(2, this.subject.cpv.length))
        .map(([code, description]) => ({ scheme: 'CPV', id: code, description })),
      deliveryAddresses: [{ region: this.buyer.region, country: 'GB', countryName: 'United Kingdom' }],
      relatedLot: lot.id,
    }));

    this.release(id, at, ['tender'], {
      parties: [
        {
          id: this.buyerId,
          name: this.buyer.name,
          identifier: { scheme: 'GB-PPON', id: this.buyerId.slice('GB-PPON-'.length) },
          address: { streetAddress: this.buyer.street, locality: this.buyer.locality, postalCode: this.buyer.postalCode, country: 'GB', countryName: 'United Kingdom', region: this.buyer.region },
          contactPoint: { email: this.buyer.email },
          roles: ['buyer'],
          details: { classifications: [{ scheme: 'UK_CA_TYPE', id: this.buyer.classification[0], description: this.buyer.classification[1] }] },
        },
      ],
      buyer: { id: this.buyerId, name: this.buyer.name },
      planning: {
        documents: [
          {
            id: 'pme-summary',
            documentType: 'marketStudies',
            description: 'Summary of preliminary market engagement',
            url: `https://www.example-buyer.gov.uk/procurement/${this.tenderId}/market-engagement.pdf`,
            datePublished: iso(at - rng.int(20, 60) * DAY),
            format: 'application/pdf',
          },
        ],
      },
      tender: {
        id: this.tenderId,
        legalBasis: { id: '2023/54', scheme: 'UKPGA', uri: 'https://www.legislation.gov.uk/ukpga/2023/54/contents' },
        title: this.title,
        description: this.description.join(' '),
        status: 'active',
        items,
        value: this.tenderValue(),
        procurementMethod: 'open',
        procurementMethodDetails: 'Open procedure',
        mainProcurementCategory: this.subject.category,
        aboveThreshold: true,
        submissionMethodDetails: `https://portal.example-etendering.co.uk/tenders/${this.tenderId}`,
        submissionTerms: { electronicSubmissionPolicy: 'required', languages: ['en'] },
        tenderPeriod: { endDate: iso(this.deadline) },
        enquiryPeriod: { endDate: iso(this.enquiryEnd) },
        awardPeriod: { startDate: iso(this.awardStart), endDate: iso(this.awardEnd) },
        lots: this.lots.map((lot) => this.lotJson(lot)),
        communication: { futureNoticeDate: iso(this.futureNotice) },
        documents: [
          { id: 'conflictOfInterest', documentType: 'conflictOfInterest', description: 'Not published' },
          this.noticeDocument(id, at, 'UK4', 'tenderNotice', 'Tender notice'),
        ],
      },
      language: 'en',
    });
  }

  /** A `tenderUpdate`: only what changed, with its own UK4 notice document. */
  tenderUpdate(): void {
    const rng = this.rng;
    const at = this.advance(1, 36);
    const id = this.noticeId(at);
    this.updateCount++;
    const tender: JsonObject = { id: this.tenderId };
    const documents: Json[] = [this.noticeDocument(id, at, 'UK4', 'tenderNotice', 'Tender notice')];
    const said: string[] = [];

    const mustMove = this.deadline - at < 4 * DAY;
    let changed = false;
    if (mustMove || rng.chance(0.35)) {
      const before = this.deadline;
      this.deadline = londonTimeOnDay(Math.max(this.deadline, at + 7 * DAY) + rng.int(1, 14) * DAY, rng.pick([12, 14, 17]), 0, 0);
      this.enquiryEnd = londonTimeOnDay(this.deadline - rng.int(5, 10) * DAY, 17, 0, 0);
      tender.tenderPeriod = { endDate: iso(this.deadline) };
      tender.enquiryPeriod = { endDate: iso(this.enquiryEnd) };
      said.push(`Submission deadline moved from ${longDate(before)} to ${longDate(this.deadline)}.`);
      if (this.deadline > this.awardStart - 7 * DAY) {
        const length = this.awardEnd - this.awardStart;
        this.awardStart = startOfDay(this.deadline + rng.int(7, 21) * DAY);
        this.awardEnd = endOfDay(this.awardStart + length);
        tender.awardPeriod = { startDate: iso(this.awardStart), endDate: iso(this.awardEnd) };
      }
      changed = true;
    } else if (rng.chance(0.15)) {
      this.enquiryEnd = londonTimeOnDay(Math.min(this.deadline - DAY, Math.max(this.enquiryEnd, at) + rng.int(1, 5) * DAY), 17, 0, 0);
      tender.enquiryPeriod = { endDate: iso(this.enquiryEnd) };
      said.push(`Clarification deadline moved to ${longDate(this.enquiryEnd)}.`);
      changed = true;
    }
    if (rng.chance(0.3)) {
      this.description = editSentences(this.textRng, this.description, this.options.descriptionBytes, this.updateCount);
      tender.description = this.description.join(' ');
      said.push('The description of the procurement has been updated.');
      changed = true;
    }
    const lotChanges = new Map<string, JsonObject>();
    const lotChange = (lot: Lot): JsonObject => {
      let change = lotChanges.get(lot.id);
      if (!change) {
        change = { id: lot.id };
        lotChanges.set(lot.id, change);
      }
      return change;
    };
    if (rng.chance(0.3)) {
      for (const lot of rng.sample(this.lots, rng.int(1, Math.max(3, Math.round(this.lots.length / 20))))) {
        lot.amount = money(lot.amount * (0.85 + rng.next() * 0.4));
        lotChange(lot).value = value(lot.amount);
        said.push(`Lot ${lot.id} estimated value revised.`);
      }
      tender.value = this.tenderValue();
      changed = true;
    }
    if (rng.chance(0.15)) {
      for (const lot of rng.sample(this.lots, rng.int(1, Math.max(2, Math.round(this.lots.length / 40))))) {
        const months = rng.int(1, 3);
        lot.start = startOfDay(addMonths(lot.start, months));
        lot.end = endOfDay(addMonths(lot.end, months));
        lot.maxExtent = endOfDay(addMonths(lot.maxExtent, months));
        lotChange(lot).contractPeriod = this.lotPeriod(lot);
        said.push(`Lot ${lot.id} contract dates changed.`);
      }
      changed = true;
    }
    if (rng.chance(0.15)) {
      for (const lot of rng.sample(this.lots, rng.int(1, Math.max(1, Math.round(this.lots.length / 40))))) {
        lot.description = editSentences(this.textRng, lot.description, Math.max(40, Math.round(this.options.descriptionBytes / 5)), this.updateCount);
        lotChange(lot).description = lot.description.join(' ');
        said.push(`Lot ${lot.id} description updated.`);
      }
      changed = true;
    }
    if (rng.chance(0.05)) {
      if (this.futureNotice !== undefined && rng.chance(0.5)) {
        this.futureNotice = undefined;
        tender.communication = { futureNoticeDate: null };
        said.push('The date of the next notice has been removed.');
      } else {
        this.futureNotice = endOfDay(Math.max(this.futureNotice ?? 0, this.awardEnd) + rng.int(7, 30) * DAY);
        tender.communication = { futureNoticeDate: iso(this.futureNotice) };
        said.push(`The next notice is now expected by ${longDate(this.futureNotice)}.`);
      }
      changed = true;
    }
    if (rng.chance(0.03)) {
      this.title = `${this.subject.title} (${rng.pick(['Re-procurement', 'Phase 2', 'Revised', 'Lots re-let'])})`;
      tender.title = this.title;
      said.push('The title has been changed.');
      changed = true;
    }
    const added = !changed || rng.chance(0.35) ? rng.int(1, 4) : 0;
    for (let i = 0; i < added; i++) {
      this.documentCount++;
      documents.push({
        id: `clarification-${this.documentCount}`,
        documentType: 'clarifications',
        description: `${rng.pick(CLARIFICATIONS)} (log ${this.documentCount})`,
        url: `https://portal.example-etendering.co.uk/tenders/${this.tenderId}/documents/${this.documentCount}`,
        datePublished: iso(at),
        format: 'application/pdf',
      });
    }
    if (added > 0) said.push('Additional tender documents have been published.');
    if (lotChanges.size > 0) tender.lots = [...lotChanges.values()];
    tender.documents = documents;
    // FTS omits tender.amendments from about a third of Procurement Act tender updates.
    if (rng.chance(2 / 3)) tender.amendments = [{ id, description: said.join(' ') }];
    this.release(id, at, ['tenderUpdate'], { tender });
  }

  private supplierParty(): JsonObject {
    const rng = this.rng;
    const number = digits(rng, 8);
    return {
      id: `GB-COH-${number}`,
      name: `${rng.pick(SUPPLIER_PARTS_A)} ${rng.pick(SUPPLIER_PARTS_B)} Ltd`,
      identifier: { scheme: 'GB-COH', id: number },
      address: { streetAddress: `${rng.int(1, 250)} High Street`, locality: rng.pick(['Leeds', 'Bristol', 'Nottingham', 'Cardiff', 'Reading', 'York']), postalCode: `${letters(rng, 2)}${rng.int(1, 20)} ${rng.int(1, 9)}${letters(rng, 2)}`, country: 'GB', countryName: 'United Kingdom' },
      roles: ['supplier'],
      details: { scale: rng.pick(['sme', 'large']), vcse: false },
    };
  }

  /** UK6: contract award notice for a group of lots. */
  awardNotice(lotIds: string[], first: boolean): void {
    const rng = this.rng;
    const at = first ? (this.clock = Math.max(this.clock + HOUR, this.deadline + rng.int(10, 40) * DAY) + rng.int(0, 6 * 3600) * 1000) : this.advance(2, 72);
    const id = this.noticeId(at);
    const supplier = this.supplierParty();
    const lots = this.lots.filter((lot) => lotIds.includes(lot.id));
    const amount = money(lots.reduce((sum, lot) => sum + lot.amount, 0) * (0.8 + rng.next() * 0.15));
    const standstillStart = startOfDay(at + DAY);
    const standstillEnd = endOfDay(standstillStart + rng.int(8, 12) * DAY);
    const start = Math.max(standstillEnd + DAY, Math.min(...lots.map((lot) => lot.start)));
    const end = Math.max(...lots.map((lot) => lot.end));
    const award: Award = { id: String(this.awards.length + 1), lotIds, supplierId: String(supplier.id), amount, standstillEnd, start, end };
    this.awards.push(award);
    const tender: JsonObject = { id: this.tenderId, lots: lotIds.map((lotId) => ({ id: lotId, status: 'complete' })) };
    if (first) tender.status = 'complete';
    this.release(id, at, ['award', 'contract'], {
      parties: [supplier],
      tender,
      awards: [
        {
          id: award.id,
          status: 'pending',
          title: `${this.title} – lots ${lotIds.join(', ')}`,
          date: iso(startOfDay(at)),
          value: value(amount),
          suppliers: [{ id: String(supplier.id), name: String(supplier.name) }],
          relatedLots: lotIds,
          standstillPeriod: { startDate: iso(standstillStart), endDate: iso(standstillEnd) },
          milestones: [{ id: '1', type: 'futureSignatureDate', dueDate: iso(endOfDay(standstillEnd + rng.int(3, 20) * DAY)) }],
          contractPeriod: { startDate: iso(start), endDate: iso(end) },
          documents: [this.noticeDocument(id, at, 'UK6', 'awardNotice', 'Contract award notice')],
        },
      ],
    });
  }

  /** A corrected UK6: the standstill period extended, or the award value corrected. */
  awardUpdate(): void {
    const rng = this.rng;
    const at = this.advance(2, 48);
    const id = this.noticeId(at);
    const award = rng.pick(this.awards);
    const change: JsonObject = { id: award.id, documents: [this.noticeDocument(id, at, 'UK6', 'awardNotice', 'Contract award notice')] };
    if (rng.chance(0.5)) {
      award.standstillEnd = endOfDay(Math.max(award.standstillEnd, at) + rng.int(2, 10) * DAY);
      change.standstillPeriod = { endDate: iso(award.standstillEnd) };
    } else {
      award.amount = money(award.amount * (0.95 + rng.next() * 0.1));
      change.value = value(award.amount);
    }
    this.release(id, at, ['awardUpdate'], { awards: [change] });
  }

  /** UK7: contract details notice for one award. */
  contractNotice(award: Award, first: boolean): void {
    const rng = this.rng;
    const latestStandstill = Math.max(...this.awards.map((known) => known.standstillEnd));
    const at = first ? (this.clock = Math.max(this.clock + HOUR, latestStandstill + rng.int(2, 20) * DAY - rng.int(6, 14) * HOUR) + rng.int(0, 3599) * 1000) : this.advance(2, 72);
    const id = this.noticeId(at);
    const contract: Contract = { id: String(this.contracts.length + 1), award, end: award.end, amount: award.amount };
    this.contracts.push(contract);
    this.release(id, at, ['award', 'contract'], {
      awards: [{ id: award.id, status: 'active' }],
      contracts: [
        {
          id: contract.id,
          awardID: award.id,
          status: 'active',
          title: `${this.title} – contract ${contract.id}`,
          value: value(contract.amount),
          dateSigned: iso(at - rng.int(1, 20) * HOUR),
          period: { startDate: iso(award.start), endDate: iso(contract.end) },
          documents: [this.noticeDocument(id, at, 'UK7', 'contractNotice', 'Contract details notice')],
        },
      ],
    });
  }

  /** UK10: contract change notice (a longer period, a new value). */
  contractChange(): void {
    const rng = this.rng;
    const at = this.advance(24, 24 * 20);
    const id = this.noticeId(at);
    const contract = rng.pick(this.contracts);
    contract.end = endOfDay(addMonths(contract.end, rng.int(3, 12)));
    contract.amount = money(contract.amount * (1 + rng.next() * 0.1));
    this.release(id, at, ['contractAmendment'], {
      contracts: [
        {
          id: contract.id,
          period: { endDate: iso(contract.end) },
          value: value(contract.amount),
          amendments: [{ id, date: iso(startOfDay(at)), description: `Contract extended to ${longDate(contract.end)} and value increased.`, rationale: 'Modification under section 74 and Schedule 8' }],
          documents: [this.noticeDocument(id, at, 'UK10', 'contractAmendmentNotice', 'Contract change notice')],
        },
      ],
    });
  }
}

function checkOptions(options: GenerateOptions): void {
  const { releases, lots, descriptionBytes } = options;
  if (!Number.isInteger(releases) || releases < 1) throw new RangeError(`releases must be an integer ≥ 1, got ${releases}`);
  if (!Number.isInteger(lots) || lots < 1) throw new RangeError(`lots must be an integer ≥ 1, got ${lots}`);
  if (!Number.isInteger(descriptionBytes) || descriptionBytes < 0) throw new RangeError(`descriptionBytes must be an integer ≥ 0, got ${descriptionBytes}`);
}

/** How many releases of each kind: the rest of the releases after the UK4 are split this way. */
export function releasePlan(releases: number, lots: number): { updates: number; awards: number; awardUpdates: number; contracts: number; contractChanges: number } {
  const post = releases >= 3 ? Math.max(2, Math.round((releases - 1) * 0.2)) : 0;
  const awardReleases = Math.ceil(post / 2);
  const contractReleases = post - awardReleases;
  const awards = Math.min(awardReleases, lots);
  const contracts = Math.min(contractReleases, awards);
  return { updates: releases - 1 - post, awards, awardUpdates: awardReleases - awards, contracts, contractChanges: contractReleases - contracts };
}

/** An FTS-like record package (`records[0]` with releases, compiledRelease, versionedRelease). */
export function generateRecordPackage(options: GenerateOptions): JsonObject {
  checkOptions(options);
  const procurement = new Procurement(options);
  const plan = releasePlan(options.releases, options.lots);
  procurement.tenderNotice();
  for (let i = 0; i < plan.updates; i++) procurement.tenderUpdate();
  // Lots split into contiguous groups, one award per group.
  const lotIds = Array.from({ length: options.lots }, (_, index) => String(index + 1));
  for (let i = 0; i < plan.awards; i++) {
    const from = Math.floor((i * lotIds.length) / plan.awards);
    const to = Math.floor(((i + 1) * lotIds.length) / plan.awards);
    procurement.awardNotice(lotIds.slice(from, to), i === 0);
  }
  for (let i = 0; i < plan.awardUpdates; i++) procurement.awardUpdate();
  // One contract per award, in award order.
  for (let i = 0; i < plan.contracts; i++) {
    const award = procurement.awarded[i];
    if (award) procurement.contractNotice(award, i === 0);
  }
  for (let i = 0; i < plan.contractChanges; i++) procurement.contractChange();

  const { ocid, releases } = procurement;
  const last = releases[releases.length - 1];
  const publishedDate = last && typeof last.date === 'string' ? last.date : '';
  return {
    uri: `${FTS}/api/1.0/ocdsRecordPackages/${ocid}`,
    version: '1.1',
    publishedDate,
    publisher: { name: 'Find a Tender', uri: FTS },
    license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    publicationPolicy: `${FTS}/Home/PublicationPolicy`,
    extensions: [
      'https://standard.open-contracting.org/profiles/gpa/master/en/extension.json',
      'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
    ],
    records: [{ ocid, releases, compiledRelease: compileReleases(ocid, releases), versionedRelease: versionReleases(ocid, releases) }],
  };
}

/** The package as compact JSON (what the FTS API serves) and its UTF-8 size. */
export function generateRecordPackageText(options: GenerateOptions): { text: string; bytes: number } {
  const text = JSON.stringify(generateRecordPackage(options));
  return { text, bytes: Buffer.byteLength(text, 'utf8') };
}

export interface SizeTarget {
  /** Wanted size of the compact JSON, in bytes. */
  targetBytes: number;
  releases: number;
  seed: number;
  /** Lots to use; solved for (with `descriptionBytes` near `preferredDescriptionBytes`) when not given. */
  lots?: number;
  /** Description length to aim for while solving for lots, 8000 unless given. */
  preferredDescriptionBytes?: number;
  /** Accepted relative error, 0.01 unless given. */
  tolerance?: number;
}

export interface PickedParameters {
  options: GenerateOptions;
  /** The package generated with `options`, compact JSON, so it need not be generated again. */
  text: string;
  bytes: number;
}

/**
 * Finds an integer `x` in [min, max] whose measured size is nearest `target`, by the secant
 * method (sizes grow about linearly with lots and with description length).
 */
function solve(
  measure: (x: number) => PickedParameters,
  target: number,
  tolerance: number,
  range: { min: number; max: number; first: number; second: number },
): PickedParameters {
  const tried = new Map<number, PickedParameters>();
  const at = (x: number): { x: number; picked: PickedParameters } => {
    let picked = tried.get(x);
    if (!picked) {
      picked = measure(x);
      tried.set(x, picked);
    }
    return { x, picked };
  };
  let a = at(range.first);
  let b = at(range.second);
  const distance = (picked: PickedParameters): number => Math.abs(picked.bytes - target);
  let best = distance(a.picked) < distance(b.picked) ? a.picked : b.picked;
  for (let step = 0; step < 12 && distance(best) > tolerance * target; step++) {
    const slope = (b.picked.bytes - a.picked.bytes) / (b.x - a.x || 1);
    let x = slope > 0 ? Math.round(b.x + (target - b.picked.bytes) / slope) : b.x * 2;
    x = Math.min(range.max, Math.max(range.min, x));
    if (tried.has(x)) {
      // Integer steps cannot get nearer along the line: try the neighbour towards the target once.
      const neighbour = x + ((tried.get(x)?.bytes ?? 0) < target ? 1 : -1);
      if (neighbour < range.min || neighbour > range.max || tried.has(neighbour)) break;
      x = neighbour;
    }
    const next = at(x);
    if (distance(next.picked) < distance(best)) best = next.picked;
    if ((x === range.max && next.picked.bytes < target) || (x === range.min && next.picked.bytes > target)) break;
    a = b;
    b = next;
  }
  return best;
}

/**
 * Options whose package reaches `targetBytes` (within `tolerance`) with the given number of
 * releases. Without `lots`, the lot count is solved for first with a long but plausible
 * description, then the description length is adjusted to land on the target.
 */
export function pickParameters(target: SizeTarget): PickedParameters {
  const tolerance = target.tolerance ?? 0.01;
  const preferred = target.preferredDescriptionBytes ?? 8000;
  const generate = (lots: number, descriptionBytes: number): PickedParameters => {
    const options: GenerateOptions = { releases: target.releases, lots, descriptionBytes, seed: target.seed };
    return { options, ...generateRecordPackageText(options) };
  };
  let lots = target.lots;
  if (lots === undefined) {
    const byLots = solve((x) => generate(x, preferred), target.targetBytes, tolerance, { min: 1, max: 2000, first: 1, second: 8 });
    if (Math.abs(byLots.bytes - target.targetBytes) <= tolerance * target.targetBytes) return byLots;
    lots = byLots.options.lots;
  }
  const fixedLots = lots;
  return solve((x) => generate(fixedLots, x), target.targetBytes, tolerance, { min: 0, max: 200_000, first: 500, second: preferred });
}
