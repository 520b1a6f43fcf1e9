// Files (images, PDFs and text, audio, video) attached to the next turn: for every pane (dropped on the composer, pasted, picked) or for one pane
// (dropped on that pane). Each file is checked and stored by main (addMedia) — refused files become
// dismissible messages naming the file, and never touch the prompt text or the other attachments.
import type { MediaResolution } from '../../../src-shared/interactions';
import { tooLargeToAdd } from '../../../src-shared/media';
import { MAX_ATTACHED } from '../../../src-shared/limits';
import type { AttachedFile, ImageRef } from '../../../src-shared/session';
import { toAppError } from './errors';

/** Who an attachment is for: every pane the next send reaches, or one pane by id. */
export type AttachmentTarget = 'all' | string;

/** What the state needs of a file: a browser File fits. */
export interface AttachableFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly target: AttachmentTarget;
  /** Set once main stored the file; undefined while it is being added. */
  readonly ref: ImageRef | undefined;
}

export interface AttachmentError {
  readonly id: string;
  readonly name: string;
  readonly message: string;
}

/** A session's files while another session is open, and the messages about its files that were refused. */
interface Parked {
  items: Attachment[];
  errors: AttachmentError[];
}

export type AddMedia = (args: { name: string; bytes: Uint8Array }) => Promise<ImageRef>;

const unreadable = (name: string) =>
  `${name || 'The file'} could not be read: it is a folder, or the file was moved or deleted after it was chosen. Attach the files themselves.`;

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${(++seq).toString(36)}`;

export { formatBytes } from '../../../src-shared/media';

/** A message that names the file, whether or not main's message already does. */
function namedMessage(name: string, message: string): string {
  const text = message.trim() || 'could not be added';
  return name !== '' && text.includes(name) ? text : `${name || 'The file'}: ${text}`;
}

export class AttachmentsState {
  items = $state<Attachment[]>([]);
  errors = $state<AttachmentError[]>([]);

  /** Some file is still being checked and stored: sending waits for it. */
  readonly pending = $derived(this.items.some((a) => a.ref === undefined));
  readonly count = $derived(this.items.length);

  readonly #addMedia: AddMedia;
  /** What was attached before "Edit last prompt" put the edited prompt's images in the box: given back after. */
  #aside: Attachment[] | undefined = undefined;
  /** What was attached and not sent in sessions left during this run, and what was refused there, by session id. */
  readonly #parked = new Map<string, Parked>();
  /** Files main is storing now: a save made before one lands leaves it out (toSaved). */
  readonly #storing = new Set<Promise<void>>();

  constructor(addMedia: AddMedia) {
    this.#addMedia = addMedia;
  }

  /**
   * Adds files in the order given; each shows at once as pending and takes its place in that order
   * whenever main answers. Resolves when every file was stored or refused.
   */
  async add(files: Iterable<AttachableFile>, target: AttachmentTarget = 'all'): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const file of files) {
      const tooLarge = tooLargeToAdd(file.name, file.size);
      if (tooLarge) {
        this.errors.push({ id: nextId('err'), name: file.name, message: tooLarge });
        continue;
      }
      const id = nextId('att');
      this.items.push({ id, name: file.name, size: file.size, target, ref: undefined });
      const job = this.#store(id, file).finally(() => this.#storing.delete(job));
      this.#storing.add(job);
      jobs.push(job);
    }
    await Promise.all(jobs);
  }

  /** Some file is being checked and stored, in this session's box or in one left meanwhile. */
  get adding(): boolean {
    return this.#storing.size > 0;
  }

  /**
   * Resolves once every file being added has been stored or refused. The session waits for it before it is left or
   * the app closes: a file landing after that save would be in no saved document, so gone at the next start.
   */
  async landed(): Promise<void> {
    while (this.#storing.size > 0) await Promise.all([...this.#storing]);
  }

  remove(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
  }

  /** Every file in the box, none sent ("Remove all"); refusals and an edit's kept-aside files stay. */
  removeAll(): void {
    this.items = [];
  }

  /** How finely the model sees one stored image or video; undefined leaves the API's default. */
  setResolution(id: string, resolution: MediaResolution | undefined): void {
    const index = this.items.findIndex((a) => a.id === id);
    const item = this.items[index];
    if (!item?.ref) return;
    const { resolution: _, ...ref } = item.ref;
    this.items[index] = { ...item, ref: resolution ? { ...ref, resolution } : ref };
  }

  dismissError(id: string): void {
    this.errors = this.errors.filter((e) => e.id !== id);
  }

  /** The stored images a send to `paneId` carries: those for every pane, then that pane's, in attach order. */
  imagesFor(paneId: string): ImageRef[] {
    return this.items.filter((a) => a.ref !== undefined && (a.target === 'all' || a.target === paneId)).map((a) => a.ref!);
  }

  /** Attachments meant only for this pane (for the pane's own indicator). */
  forPane(paneId: string): Attachment[] {
    return this.items.filter((a) => a.target === paneId);
  }

  /** The files stored now: what a send starting now carries. */
  stored(): ReadonlySet<string> {
    return new Set(this.items.filter((a) => a.ref !== undefined).map((a) => a.id));
  }

  /** After a send of `carried` reached `paneIds`: those of them for every pane and for those panes are gone. */
  sent(paneIds: readonly string[], carried: ReadonlySet<string>): void {
    if (paneIds.length === 0) return;
    this.items = this.items.filter((a) => !carried.has(a.id) || (a.target !== 'all' && !paneIds.includes(a.target)));
  }

  /** Only these panes got the turn: their own images it carried are sent; the ones for every pane wait for the rest. */
  sentTo(paneIds: readonly string[], carried: ReadonlySet<string>): void {
    if (paneIds.length === 0) return;
    this.items = this.items.filter((a) => !carried.has(a.id) || !paneIds.includes(a.target));
  }

  /**
   * Puts already stored images in the box (Edit last prompt), for every pane. What was attached is set aside, not
   * dropped (a file still being added included): `giveBack` returns it.
   */
  restore(images: readonly ImageRef[]): void {
    this.#aside ??= this.items;
    this.items = images.map((ref) => ({ id: nextId('att'), name: ref.name, size: ref.size, target: 'all', ref }));
  }

  /** The edit is over: what was set aside comes back first; `replace` (Cancel) drops the edited prompt's images. */
  giveBack(replace: boolean): void {
    const aside = this.#aside;
    if (!aside) return;
    this.#aside = undefined;
    this.items = replace ? aside : [...aside, ...this.items];
  }

  /** A pane went away: its own attachments go with it. */
  dropPane(paneId: string): void {
    this.items = this.items.filter((a) => a.target !== paneId);
    if (this.#aside) this.#aside = this.#aside.filter((a) => a.target !== paneId);
  }

  clear(): void {
    this.items = [];
    this.errors = [];
    this.#aside = undefined;
  }

  /**
   * What the session saves of the box: the stored files the person attached (not what an edit of the last prompt put
   * in), so they are there after a restart. A file still being added is not stored yet; the save after it lands has it.
   */
  toSaved(): AttachedFile[] {
    const items = this.#aside ?? this.items;
    return items.flatMap((a) => (a.ref ? [a.target === 'all' ? { ...a.ref } : { ...a.ref, paneId: a.target }] : [])).slice(0, MAX_ATTACHED);
  }

  /**
   * Another session opens. What the person attached (not what an edit of the last prompt put in) waits for `from`,
   * and what waited for `to` comes back: a file attached, then left for a look at another session, is there on
   * return, as the typed prompt is, a file still being added included, and one refused there is said so there. What
   * did not wait during this run is what `to` saved (`saved`, after a restart).
   */
  switchSession(from: string | undefined, to: string | undefined, saved: readonly AttachedFile[] = []): void {
    const here: Parked = { items: this.#aside ?? this.items, errors: this.errors };
    if (from !== undefined && from !== to) this.#parked.set(from, here);
    const back = to === from ? here : to === undefined ? undefined : this.#parked.get(to);
    if (to !== undefined) this.#parked.delete(to);
    this.clear();
    this.items = back?.items ?? saved.map(({ paneId, ...ref }) => ({ id: nextId('att'), name: ref.name, size: ref.size, target: paneId ?? 'all', ref }));
    this.errors = back?.errors ?? [];
  }

  /** What waited for session `from` joins what is attached now, after it (the window reopened the last session on start-up). */
  bringAlong(from: string): void {
    const waiting = this.#parked.get(from);
    if (!waiting) return;
    this.#parked.delete(from);
    this.items = [...this.items, ...waiting.items];
    this.errors = [...this.errors, ...waiting.errors];
  }

  async #store(id: string, file: AttachableFile): Promise<void> {
    try {
      // The browser's own words for this (a folder in a drop, a file gone since) name neither cause.
      const bytes = new Uint8Array(await file.arrayBuffer().catch((): never => {
        throw new Error(unreadable(file.name));
      }));
      const ref = await this.#addMedia({ name: file.name, bytes });
      // Set aside by an edit meanwhile: stored there, so it comes back whole.
      const list = this.#holding(id);
      const index = list?.findIndex((a) => a.id === id) ?? -1;
      // Removed while it was being added: nothing to show.
      if (!list || index < 0) return;
      list[index] = { ...list[index]!, name: ref.name || file.name, size: ref.size, ref };
    } catch (e) {
      // Its message goes where the file was: this session, or one left while it was being added.
      const parked = [...this.#parked.values()].find((p) => p.items.some((a) => a.id === id));
      const errors = [this.items, this.#aside].some((list) => list?.some((a) => a.id === id)) ? this.errors : parked?.errors;
      this.remove(id);
      if (this.#aside) this.#aside = this.#aside.filter((a) => a.id !== id);
      if (parked) parked.items = parked.items.filter((a) => a.id !== id);
      errors?.push({ id: nextId('err'), name: file.name, message: namedMessage(file.name, toAppError(e).message) });
    }
  }

  #holding(id: string): Attachment[] | undefined {
    return [this.items, this.#aside, ...[...this.#parked.values()].map((p) => p.items)].find((list) => list?.some((a) => a.id === id));
  }
}
