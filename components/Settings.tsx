import { BackupFileInput } from './BackupFileInput';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings';
import { KEY_DATE_LABELS } from '../lib/timeline/key-dates';
import type { KeyDateType } from '../lib/timeline/types';
import './theme.css';
import './forms.css';
import './settings.css';

/** Hours between background checks the user can choose. */
export const REFRESH_HOUR_CHOICES = [1, 3, 6, 12, 24] as const;
/** Days before a key date a reminder can come. */
export const LEAD_DAY_CHOICES = [14, 7, 3, 1] as const;
/** Key dates that can have reminders, in the order shown. */
export const REMINDER_TYPE_CHOICES: readonly KeyDateType[] = ['enquiryDeadline', 'expressionOfInterestDeadline', 'submissionDeadline', 'standstillEnd', 'contractEnd'];

export interface SettingsMessage {
  tone: 'info' | 'error';
  text: string;
}

export interface SettingsViewProps {
  /** undefined while loading. */
  settings: Settings | undefined;
  onSave(settings: Settings): void;
  /** "Settings saved", or why not. */
  message?: SettingsMessage;
  /** "Back up now": absent, the section "Your data" is not shown. */
  onBackup?: () => void;
  onImportFile?: (file: File) => void;
  /** The outcome of a backup or an import. */
  dataMessage?: SettingsMessage;
}

const hoursText = (hours: number) => (hours === 1 ? '1 hour' : `${hours} hours`);
const daysText = (days: number) => (days === 1 ? '1 day before' : `${days} days before`);

/** Choices shown: the usual ones, plus any other value already stored (e.g. from a backup), so nothing is lost by saving. */
function withStored<T>(choices: readonly T[], stored: readonly T[]): T[] {
  return [...choices, ...stored.filter((value) => !choices.includes(value))];
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((v) => v !== value);
}

/** Settings as saved: lead days largest first, key-date types in the order shown. */
function tidy(settings: Settings): Settings {
  const typeOrder = withStored(REMINDER_TYPE_CHOICES, settings.reminderTypes);
  return {
    ...settings,
    reminderLeadDays: [...new Set(settings.reminderLeadDays)].sort((a, b) => b - a),
    reminderTypes: typeOrder.filter((type) => settings.reminderTypes.includes(type)),
  };
}

function Choice({ type, name, checked, onChange, children }: { type: 'radio' | 'checkbox'; name: string; checked: boolean; onChange(checked: boolean): void; children: ReactNode }) {
  const id = useId();
  return (
    <div className="tt-choice">
      <input id={id} type={type} name={name} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}

function Message({ message }: { message: SettingsMessage | undefined }) {
  return (
    <div role="status" className="tt-settings__status">
      {message ? <p className={message.tone === 'error' ? 'tt-settings__message tt-settings__message--error' : 'tt-settings__message'}>{message.text}</p> : null}
    </div>
  );
}

/** The options page: how often to check Find a Tender, reminders, change notifications. Props in, `onSave` out. */
export function SettingsView({ settings, onSave, message, onBackup, onImportFile, dataMessage }: SettingsViewProps) {
  const names = { hours: useId(), leads: useId(), types: useId(), data: useId() };
  const fileRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Settings | undefined>(settings);
  // Stored settings that change (saved here, in another tab, or by an import) replace the form.
  const [loaded, setLoaded] = useState(settings);
  if (loaded !== settings) {
    setLoaded(settings);
    setDraft(settings);
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft) onSave(tidy(draft));
  };

  let form;
  if (!draft) {
    form = (
      <p className="tt-settings__loading" role="status">
        Loading your settings…
      </p>
    );
  } else {
    const update = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
    const hourChoices = withStored(REFRESH_HOUR_CHOICES, [draft.refreshHours]).sort((a, b) => a - b);
    const leadChoices = withStored(LEAD_DAY_CHOICES, draft.reminderLeadDays).sort((a, b) => b - a);
    const typeChoices = withStored(REMINDER_TYPE_CHOICES, draft.reminderTypes);
    const noReminders = draft.reminderLeadDays.length === 0 || draft.reminderTypes.length === 0;
    form = (
      <form className="tt-settings__form" onSubmit={onSubmit} aria-label="Settings">
        <fieldset className="tt-fieldset">
          <legend className="tt-fieldset__legend">Check Find a Tender for changes every</legend>
          <p className="tt-field__hint">Checks run in the background while the browser is open, and respect Find a Tender's limits.</p>
          {hourChoices.map((hours) => (
            <Choice key={hours} type="radio" name={names.hours} checked={draft.refreshHours === hours} onChange={(on) => on && update({ refreshHours: hours })}>
              {hoursText(hours)}
              {hours === DEFAULT_SETTINGS.refreshHours ? ' (default)' : ''}
            </Choice>
          ))}
        </fieldset>

        <fieldset className="tt-fieldset">
          <legend className="tt-fieldset__legend">Remind me before key dates</legend>
          {leadChoices.map((days) => (
            <Choice
              key={days}
              type="checkbox"
              name={names.leads}
              checked={draft.reminderLeadDays.includes(days)}
              onChange={(on) => update({ reminderLeadDays: toggle(draft.reminderLeadDays, days, on) })}
            >
              {daysText(days)}
            </Choice>
          ))}
        </fieldset>

        <fieldset className="tt-fieldset">
          <legend className="tt-fieldset__legend">Which key dates to remind me of</legend>
          {typeChoices.map((type) => (
            <Choice
              key={type}
              type="checkbox"
              name={names.types}
              checked={draft.reminderTypes.includes(type)}
              onChange={(on) => update({ reminderTypes: toggle(draft.reminderTypes, type, on) })}
            >
              {KEY_DATE_LABELS[type] ?? type}
            </Choice>
          ))}
          {noReminders ? <p className="tt-field__hint tt-settings__warning">With no days or no key dates chosen, you will get no reminders.</p> : null}
        </fieldset>

        <fieldset className="tt-fieldset">
          <legend className="tt-fieldset__legend">Changes</legend>
          <Choice type="checkbox" name="notifyChanges" checked={draft.notifyChanges} onChange={(on) => update({ notifyChanges: on })}>
            Notify me when a watched procurement changes
          </Choice>
        </fieldset>

        <div className="tt-settings__buttons">
          <button type="submit" className="tt-button">
            Save settings
          </button>
          <button type="button" className="tt-button tt-button--secondary" onClick={() => setDraft({ ...DEFAULT_SETTINGS })}>
            Use the defaults
          </button>
        </div>
        <Message message={message} />
      </form>
    );
  }

  return (
    <main className="tt-root tt-settings">
      <h1 className="tt-settings__heading">Tender Timeline settings</h1>
      {form}
      {onBackup || onImportFile ? (
        <section className="tt-settings__data" aria-labelledby={names.data} id="backup">
          <h2 className="tt-settings__subheading" id={names.data}>
            Your data
          </h2>
          <p>Your watchlist is kept in this browser only. Uninstalling the extension deletes it: keep a backup, and import it to restore.</p>
          <div className="tt-settings__buttons">
            {onBackup ? (
              <button type="button" className="tt-button tt-button--secondary" onClick={onBackup}>
                Back up now
              </button>
            ) : null}
            {onImportFile ? (
              <>
                <button type="button" className="tt-button tt-button--secondary" onClick={() => fileRef.current?.click()}>
                  Import backup…
                </button>
                <BackupFileInput inputRef={fileRef} onFile={onImportFile} />
              </>
            ) : null}
          </div>
          <Message message={dataMessage} />
        </section>
      ) : null}
    </main>
  );
}
