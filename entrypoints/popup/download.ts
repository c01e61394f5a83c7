/**
 * Saves a file from an extension page (calendar, spreadsheet, backup): a Blob and a click
 * on a temporary `<a download>`, so no downloads permission.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the blob by the time the download starts; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a file the background made as text. */
export function saveFile(file: { fileName: string; mimeType: string; text: string }): void {
  saveBlob(new Blob([file.text], { type: file.mimeType }), file.fileName);
}
