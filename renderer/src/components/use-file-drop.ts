/**
 * Opening files by dropping them on a zone or picking them with a hidden `<input type="file">`
 * (the certificate inspector, the contacts CSV import): the zone's drag handlers and highlight, the
 * picker's change handler, and the window-level guard without which a file dropped beside the zone
 * makes the window open it (navigate away from the console).
 */
import { type ChangeEvent, type DragEvent, useEffect, useState } from 'react';

export interface FileDropOptions {
  /**
   * The zone takes only drags that carry files (default); false: it takes every drag (so a link or
   * text dropped on it is swallowed instead of handled by the window).
   */
  readonly filesOnly?: boolean;
}

export interface FileDrop {
  /** A drag is over the zone: highlight it. */
  readonly dragOver: boolean;
  readonly onDragOver: (e: DragEvent) => void;
  readonly onDragLeave: () => void;
  readonly onDrop: (e: DragEvent) => void;
  /** For the file input; it is cleared so the same file can be opened again. */
  readonly onPick: (e: ChangeEvent<HTMLInputElement>) => void;
}

export function useFileDrop(onFiles: (files: File[]) => void, { filesOnly = true }: FileDropOptions = {}): FileDrop {
  const [dragOver, setDragOver] = useState(false);

  useEffect(() => {
    const stop = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return {
    dragOver,
    onDragOver: (e) => {
      if (filesOnly && !e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDragOver(true);
    },
    onDragLeave: () => setDragOver(false),
    onDrop: (e) => {
      e.preventDefault();
      setDragOver(false);
      onFiles([...e.dataTransfer.files]);
    },
    onPick: (e) => {
      const files = [...(e.target.files ?? [])];
      e.target.value = '';
      onFiles(files);
    },
  };
}
