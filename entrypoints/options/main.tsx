import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SettingsView, type SettingsMessage } from '@/components/Settings';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { importBackupFile, saveBackup } from '../popup/backup';
import { settingsItem } from '../popup/settings-item';
import './options.css';

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
    setDataMessage({ tone: 'info', text: 'Making the backup…' });
    saveBackup().then(
      (fileName) => setDataMessage({ tone: 'info', text: `Downloading ${fileName}.` }),
      (error: unknown) => setDataMessage({ tone: 'error', text: `The backup could not be made (${error instanceof Error ? error.message : String(error)}).` }),
    );
  }, []);

  const onImportFile = useCallback((file: File) => {
    setDataMessage({ tone: 'info', text: `Importing ${file.name}…` });
    void importBackupFile(file).then((answer) =>
      setDataMessage(answer.ok ? { tone: 'info', text: answer.summary } : { tone: 'error', text: `Nothing was imported: ${answer.message}` }),
    );
  }, []);

  return <SettingsView settings={settings} onSave={onSave} message={message} onBackup={onBackup} onImportFile={onImportFile} dataMessage={dataMessage} />;
}

createRoot(document.getElementById('root')!).render(<Options />);
