// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsView, type SettingsViewProps } from '../../components/Settings';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';

afterEach(cleanup);

function renderSettings(props: Partial<SettingsViewProps>) {
  const onSave = vi.fn();
  const all: SettingsViewProps = { settings: DEFAULT_SETTINGS, onSave, ...props };
  const view = render(<SettingsView {...all} />);
  return { ...view, onSave, rerenderWith: (more: Partial<SettingsViewProps>) => view.rerender(<SettingsView {...all} {...more} />) };
}

const group = (legend: string) => screen.getByRole('group', { name: legend });
const inputs = (legend: string) => [...group(legend).querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')];
/** The labels of the choices in a fieldset, and of those checked. */
const choices = (legend: string) => inputs(legend).map((input) => input.labels?.[0]?.textContent);
const checked = (legend: string) => inputs(legend).filter((input) => input.checked).map((input) => input.labels?.[0]?.textContent);
const click = (legend: string, label: string) => fireEvent.click(within(group(legend)).getByLabelText(label));

const HOURS = 'Check Find a Tender for changes every';
const LEADS = 'Remind me before key dates';
const TYPES = 'Which key dates to remind me of';
const CHANGES = 'Changes';

describe('SettingsView', () => {
  it('has the title and shows the defaults', () => {
    renderSettings({});
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Tender Timeline settings');
    expect(choices(HOURS)).toEqual(['1 hour', '3 hours', '6 hours (default)', '12 hours', '24 hours']);
    expect(checked(HOURS)).toEqual(['6 hours (default)']);
    expect(choices(LEADS)).toEqual(['14 days before', '7 days before', '3 days before', '1 day before']);
    expect(checked(LEADS)).toEqual(['7 days before', '1 day before']);
    expect(choices(TYPES)).toEqual(['Enquiry deadline', 'Expression of interest deadline', 'Submission deadline', 'Standstill ends', 'Contract ends']);
    expect(checked(TYPES)).toEqual(['Enquiry deadline', 'Expression of interest deadline', 'Submission deadline']);
    expect(checked(CHANGES)).toEqual(['Notify me when a watched procurement changes']);
  });

  it('saves what the user chose (round trip), and shows what was saved', () => {
    const { onSave, rerenderWith } = renderSettings({});
    click(HOURS, '12 hours');
    click(LEADS, '14 days before');
    click(LEADS, '1 day before');
    click(LEADS, '3 days before');
    click(TYPES, 'Enquiry deadline');
    click(TYPES, 'Contract ends');
    click(TYPES, 'Standstill ends');
    click(CHANGES, 'Notify me when a watched procurement changes');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved: Settings = {
      refreshHours: 12,
      reminderLeadDays: [14, 7, 3],
      reminderTypes: ['expressionOfInterestDeadline', 'submissionDeadline', 'standstillEnd', 'contractEnd'],
      notifyChanges: false,
    };
    expect(onSave).toHaveBeenCalledExactlyOnceWith(saved);

    // The options page stores it and hands it back, with a message.
    rerenderWith({ settings: onSave.mock.calls[0]![0] as Settings, message: { tone: 'info', text: 'Settings saved.' } });
    expect(checked(HOURS)).toEqual(['12 hours']);
    expect(checked(LEADS)).toEqual(['14 days before', '7 days before', '3 days before']);
    expect(checked(TYPES)).toEqual(['Expression of interest deadline', 'Submission deadline', 'Standstill ends', 'Contract ends']);
    expect(checked(CHANGES)).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('Settings saved.');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenLastCalledWith(saved);
  });

  it('keeps stored values that are not among the usual choices', () => {
    const unusual: Settings = { refreshHours: 2, reminderLeadDays: [30, 1], reminderTypes: ['submissionDeadline', 'contractMaxExtent'], notifyChanges: true };
    const { onSave } = renderSettings({ settings: unusual });
    expect(checked(HOURS)).toEqual(['2 hours']);
    expect(checked(LEADS)).toEqual(['30 days before', '1 day before']);
    expect(checked(TYPES)).toEqual(['Submission deadline', 'Contract ends if fully extended']);
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenCalledExactlyOnceWith(unusual);
  });

  it('warns when no reminder can come, and puts the defaults back on request', () => {
    const { onSave } = renderSettings({});
    click(LEADS, '7 days before');
    click(LEADS, '1 day before');
    expect(screen.getByText('With no days or no key dates chosen, you will get no reminders.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use the defaults' }));
    expect(screen.queryByText(/you will get no reminders/)).toBeNull();
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenCalledExactlyOnceWith(DEFAULT_SETTINGS);
  });

  it('follows settings changed elsewhere (another tab, an imported backup)', () => {
    const { rerenderWith } = renderSettings({});
    rerenderWith({ settings: { ...DEFAULT_SETTINGS, refreshHours: 24 } });
    expect(checked(HOURS)).toEqual(['24 hours']);
  });

  it('says it is loading until the settings are read', () => {
    const { rerenderWith } = renderSettings({ settings: undefined });
    expect(screen.getByRole('status').textContent).toBe('Loading your settings…');
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
    rerenderWith({ settings: DEFAULT_SETTINGS });
    expect(checked(HOURS)).toEqual(['6 hours (default)']);
  });

  it('shows an error when saving failed', () => {
    renderSettings({ message: { tone: 'error', text: 'Your settings were not saved: quota exceeded' } });
    expect(document.querySelector('.tt-settings__message--error')?.textContent).toBe('Your settings were not saved: quota exceeded');
  });

  it('backs up and imports from "Your data" when given the means', () => {
    const onBackup = vi.fn();
    const onImportFile = vi.fn();
    const { rerenderWith } = renderSettings({ onBackup, onImportFile });
    const data = screen.getByRole('region', { name: 'Your data' });
    fireEvent.click(within(data).getByRole('button', { name: 'Back up now' }));
    expect(onBackup).toHaveBeenCalledTimes(1);
    const file = new File(['{}'], 'backup.json', { type: 'application/json' });
    fireEvent.change(within(data).getByLabelText('Backup file to import'), { target: { files: [file] } });
    expect(onImportFile).toHaveBeenCalledExactlyOnceWith(file);
    rerenderWith({ dataMessage: { tone: 'info', text: 'Imported 2 procurements.' } });
    expect(within(data).getByRole('status').textContent).toBe('Imported 2 procurements.');
    cleanup();
    renderSettings({});
    expect(screen.queryByRole('region', { name: 'Your data' })).toBeNull();
  });
});
