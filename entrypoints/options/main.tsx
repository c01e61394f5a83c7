import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SettingsView, type SettingsMessage } from '@/components/Settings';
import { ask } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { saveFile } from '../popup/download';
import './options.css';

const send = (message: unknown) => browser.runtime.sendMessage(message);
// The same item as the background's, which reschedules its alarms when it changes.
const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });

/** Stored settings with any missing field (an older version, a hand-edited backup) taken from the defaults. */
const complete = (value: Partial<Settings> | null | undefined): Settings => ({ ...DEFAULT_SETTINGS, ...value });

function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [message, setMessage] = useState<SettingsMessage>();
  const [dataMessage, setDataMessage] = useState<SettingsMessage>();

  useEffect(() => {
    void settingsItem.getValue().then(
      (value) => setSettings(complete(value)),
      (error: unknown) => {
        setSettings(DEFAULT_SETTINGS);
        setMessage({ tone: 'error', text: `Your saved settings could not be read (${String(error)}); the defaults are shown.` });
      },
    );
    return settingsItem.watch((value) => setSettings(complete(value)));
  }, []);

  const onSave = useCallback((next: Settings) => {
    setMessage(undefined);
    settingsItem.setValue(next).then(
      () => {
        setSettings(next);
        setMessage({ tone: 'info', text: 'Settings saved.' });
      },
      (error: unknown) => setMessage({ tone: 'error', text: `Your settings were not saved: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }, []);

  const onBackup = useCallback(() => {
    void ask(send, 'backup:export', {}).then((answer) => {
      if (!answer.ok) return setDataMessage({ tone: 'error', text: answer.error.message });
      saveFile(answer);
      setDataMessage({ tone: 'info', text: `Downloading ${answer.fileName}.` });
    });
  }, []);

  const onImportFile = useCallback((file: File) => {
    setDataMessage({ tone: 'info', text: `Importing ${file.name}…` });
    void file
      .text()
      .then((text) => ask(send, 'backup:import', { text }))
      .then(
        (answer) => setDataMessage(answer.ok ? { tone: 'info', text: answer.summary } : { tone: 'error', text: `Nothing was imported: ${answer.error.message}` }),
        (error: unknown) => setDataMessage({ tone: 'error', text: `${file.name} could not be read (${String(error)}).` }),
      );
  }, []);

  return <SettingsView settings={settings} onSave={onSave} message={message} onBackup={onBackup} onImportFile={onImportFile} dataMessage={dataMessage} />;
}

createRoot(document.getElementById('root')!).render(<Options />);
