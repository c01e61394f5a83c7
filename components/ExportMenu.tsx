import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { BackupFileInput } from './BackupFileInput';

/** Files the popup can save: the calendar of the whole watchlist, the spreadsheet, the backup. */
export type ExportKind = 'ics' | 'csv' | 'backup';

export interface ExportMenuProps {
  onExport?: (kind: ExportKind) => void;
  /** "Import backup…" picks a file here and hands it over… */
  onImportFile?: (file: File) => void;
  /** …or, where a file picker would close the popup (Firefox), opens somewhere else that can. */
  onImportElsewhere?: () => void;
}

const EXPORTS: Array<{ kind: ExportKind; label: string }> = [
  { kind: 'ics', label: 'Calendar (.ics)' },
  { kind: 'csv', label: 'Spreadsheet (.csv)' },
  { kind: 'backup', label: 'Backup (.json)' },
];

/** "Export" and its menu: the three files and "Import backup…". */
export function ExportMenu({ onExport, onImportFile, onImportElsewhere }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };
  // A click anywhere else closes the menu.
  const containerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);
  // Focus moving out of the menu (Tab past its last item, Shift+Tab before its button) closes
  // it. Focus going nowhere is left to the click handler above: on a Mac a clicked button takes
  // no focus, and closing then would swallow the click on a menu item.
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (open && next && !containerRef.current?.contains(next)) setOpen(false);
  };
  const canImport = onImportFile || onImportElsewhere;
  return (
    <div className="tt-menu" ref={containerRef} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button ref={toggleRef} type="button" className="tt-button tt-button--secondary tt-button--small" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
        Export <span aria-hidden="true">▾</span>
      </button>
      <ul className="tt-menu__list" id={menuId} hidden={!open}>
        {onExport
          ? EXPORTS.map(({ kind, label }) => (
              <li key={kind}>
                <button
                  type="button"
                  className="tt-menu__item"
                  onClick={() => {
                    close();
                    onExport(kind);
                  }}
                >
                  {label}
                </button>
              </li>
            ))
          : null}
        {canImport ? (
          <li>
            <button
              type="button"
              className="tt-menu__item"
              onClick={() => {
                close();
                if (onImportElsewhere) onImportElsewhere();
                else fileRef.current?.click();
              }}
            >
              Import backup…
            </button>
          </li>
        ) : null}
      </ul>
      {onImportFile && !onImportElsewhere ? (
        <BackupFileInput inputRef={fileRef} onFile={onImportFile} />
      ) : null}
    </div>
  );
}
