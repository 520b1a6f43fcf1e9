// A place files can be dropped on: knows while a file drag is over it and hands the dropped files on.
import { carriesFiles, droppedFiles } from '../media-files';

export class DropZone {
  /** dragenter/dragleave fire for every child: count them to know when the drag really left. */
  #depth = $state(0);
  readonly active = $derived(this.#depth > 0);

  constructor(private readonly onFiles: (files: File[]) => void) {}

  readonly enter = (event: DragEvent): void => {
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    this.#depth++;
  };

  readonly over = (event: DragEvent): void => {
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  readonly leave = (event: DragEvent): void => {
    if (carriesFiles(event.dataTransfer)) this.#depth = Math.max(0, this.#depth - 1);
  };

  readonly drop = (event: DragEvent): void => {
    if (!carriesFiles(event.dataTransfer)) return;
    event.preventDefault();
    this.#depth = 0;
    this.onFiles(droppedFiles(event.dataTransfer));
  };
}
