// The app's settings as main keeps them, and the Settings view's form over them: opened from the header (or
// Ctrl/Cmd+,), saved through updateSettings, each refusal shown under its field with the text left as typed.
import { DEFAULT_PREFERENCES, type ThemeChoice } from '../../../src-shared/app-settings';
import type { Settings } from '../../../src-shared/domain';
import type { Api } from '../api';
import type { Theme } from '../theme';
import { toAppError } from './errors';
import { checkDraft, draftFrom, fieldOfError, type DraftErrors, type SettingsDraft } from './settings-draft';

export class SettingsState {
  settings = $state.raw<Settings | undefined>(undefined);
  dialogOpen = $state(false);
  draft = $state<SettingsDraft | undefined>(undefined);
  errors = $state<DraftErrors>({});
  /** A problem that belongs to no one field (loading, a failed save, the data folder). */
  problem = $state('');
  busy = $state(false);
  /** Set after a save, until the form is changed again. */
  saved = $state(false);

  readonly #api: Api;
  readonly #theme: Theme;
  readonly #onChanged: (settings: Settings) => void;

  constructor(api: Api, theme: Theme, onChanged: (settings: Settings) => void = () => {}) {
    this.#api = api;
    this.#theme = theme;
    this.#onChanged = onChanged;
  }

  get concurrency(): number {
    return this.settings?.concurrency ?? DEFAULT_PREFERENCES.concurrency;
  }

  async load(): Promise<void> {
    try {
      this.#use(await this.#api.getSettings());
    } catch (e) {
      this.problem = `Could not read the settings: ${toAppError(e).message}`;
    }
  }

  /** Already open (under the key dialog, which offers Settings too): what was typed stays. */
  async open(): Promise<void> {
    if (this.dialogOpen) return;
    this.errors = {};
    this.problem = '';
    this.saved = false;
    if (!this.settings) await this.load();
    this.draft = this.settings ? draftFrom(this.settings) : undefined;
    this.dialogOpen = true;
  }

  /** Closing drops what was not saved, and a theme that was only being tried. */
  close(): void {
    this.dialogOpen = false;
    this.draft = undefined;
    this.#theme.apply(this.settings?.theme ?? DEFAULT_PREFERENCES.theme);
  }

  /** A theme picked in the form shows at once; it is kept only when saved. */
  preview(): void {
    if (this.draft) this.#theme.apply(this.draft.theme);
  }

  changed(): void {
    this.saved = false;
  }

  /** Checks the form, sends what changed, and on success shows main's answer (normalised values) in the form. */
  async save(): Promise<boolean> {
    const { draft, settings } = this;
    if (!draft || !settings || this.busy) return false;
    const { patch, errors } = checkDraft(draft, settings);
    this.errors = errors;
    this.problem = '';
    if (Object.keys(errors).length > 0) return false;
    this.busy = true;
    try {
      const answer = await this.#api.updateSettings(patch);
      this.#use(answer);
      this.draft = draftFrom(answer);
      this.saved = true;
      return true;
    } catch (e) {
      const error = toAppError(e);
      const field = fieldOfError(error);
      // The IPC check names the field first ("concurrency: …"); the field's own words are enough under it.
      if (field) this.errors = { [field]: error.message.replace(/^[a-z][A-Za-z]*:\s*/, '') };
      else this.problem = `Not saved: ${error.message}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * View → Theme in the application menu: shown at once and saved, as picking it here and saving does. A refused
   * save puts the saved theme back and throws, for the caller to say so.
   */
  async chooseTheme(theme: ThemeChoice): Promise<void> {
    this.#theme.apply(theme);
    try {
      this.#use(await this.#api.updateSettings({ theme }));
    } catch (e) {
      this.#theme.apply(this.settings?.theme ?? DEFAULT_PREFERENCES.theme);
      throw e;
    }
  }

  /** Opens the data folder through main; says so when it could not. */
  async openFolder(): Promise<void> {
    this.problem = '';
    try {
      if (!(await this.#api.openDataFolder())) this.problem = 'Nothing is set up here to open folders: the path above is where the data is.';
    } catch (e) {
      this.problem = toAppError(e).message;
    }
  }

  #use(settings: Settings): void {
    this.settings = settings;
    this.#theme.apply(settings.theme ?? DEFAULT_PREFERENCES.theme);
    this.#onChanged(settings);
  }
}
