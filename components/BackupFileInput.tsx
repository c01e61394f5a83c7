import type { Ref } from 'react';

/** The hidden file picker behind an "Import backup…" button (the button clicks it). */
export function BackupFileInput({ inputRef, onFile }: { inputRef: Ref<HTMLInputElement>; onFile(file: File): void }) {
  return (
    <input
      ref={inputRef}
      className="tt-visually-hidden"
      type="file"
      accept=".json,application/json"
      tabIndex={-1}
      aria-label="Backup file to import"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
