/**
 * Saves a file the background made (calendar, spreadsheet, backup) from an extension page:
 * a Blob of the text and a click on a temporary `<a download>`, so no downloads permission.
 */
export function saveFile(file: { fileName: string; mimeType: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the blob by the time the download starts; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
