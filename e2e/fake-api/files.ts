// The Files API (§7): resumable upload start / chunks / finalize, and GET, DELETE and list of files.
import { createHash, randomBytes } from 'node:crypto';
import { type ApiError, google, MESSAGES } from './errors';
import { sendEmpty, sendJson } from './http';
import type { KnownFile } from './media-billing';
import { measureMedia } from './media-measure';
import type { Exchange, FakeContext } from './types';

/** Non-final chunks must be whole multiples of this (Google's resumable protocol announces it). */
export const CHUNK_GRANULARITY = 256 * 1024;
const LIFETIME_MS = 48 * 3600 * 1000;
const DEFAULT_FILES_PAGE = 10;
const MAX_FILES_PAGE = 100;

interface UploadSession {
  fileId: string;
  announced?: number;
  received: Buffer[];
  size: number;
  displayName?: string;
  mimeType: string;
  /** Every byte upload of this session answers 500 (`upload-500` / `[[fault:upload]]`). */
  failing: boolean;
  finalized: boolean;
}

export type FileResource = Record<string, string>;

/** Google's file timestamps carry microseconds. */
function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

function newFileId(): string {
  return randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
}

function field(file: Record<string, unknown>, camel: string, snake: string): unknown {
  return file[camel] ?? file[snake];
}

function denied(id: string): ApiError {
  // The live service answers 403 rather than 404 for files that are gone or not yours.
  return google(403, `You do not have permission to access the File ${id} or it may not exist.`);
}

export class FileStore {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly files = new Map<string, FileResource>();
  /** What an interaction naming a file by uri is billed by: its bytes are not kept, only what they measured. */
  private readonly known = new Map<string, KnownFile>();
  /** processNextUpload(): the next file's GETs to go before it leaves PROCESSING, and how it ends. */
  private nextProcessing: { polls: number; outcome: 'ACTIVE' | 'FAILED' } | undefined;
  private readonly processing = new Map<string, { polls: number; outcome: 'ACTIVE' | 'FAILED' }>();

  /** processVideoUploads(): GETs every video upload stays PROCESSING for (0: none). */
  private videoPolls = 0;

  processNext(polls: number, outcome: 'ACTIVE' | 'FAILED'): void {
    this.nextProcessing = { polls, outcome };
  }

  processVideos(polls: number): void {
    this.videoPolls = polls;
  }

  constructor(private readonly ctx: FakeContext) {}

  /** POST /upload/{v}/files with `X-Goog-Upload-Command: start`. */
  start(ex: Exchange, body: unknown): ApiError | undefined {
    const h = ex.record.headers;
    if ((h['x-goog-upload-protocol'] ?? '').toLowerCase() !== 'resumable') {
      return google(400, 'Only the resumable upload protocol is supported: set X-Goog-Upload-Protocol: resumable.');
    }
    if ((h['x-goog-upload-command'] ?? '').toLowerCase() !== 'start') {
      return google(400, 'Missing X-Goog-Upload-Command: start.');
    }
    const file = (typeof body === 'object' && body !== null ? ((body as Record<string, unknown>).file ?? {}) : {}) as Record<string, unknown>;
    const announcedText = h['x-goog-upload-header-content-length'] ?? field(file, 'sizeBytes', 'size_bytes');
    const announced = announcedText === undefined ? undefined : Number(announcedText);
    if (announced !== undefined && (!Number.isInteger(announced) || announced < 0)) {
      return google(400, 'X-Goog-Upload-Header-Content-Length must be a non-negative integer.');
    }
    const requested = typeof file.name === 'string' ? file.name.replace(/^files\//, '') : undefined;
    if (requested !== undefined && !/^[a-z0-9-]{1,40}$/.test(requested)) {
      return google(400, `Invalid file name "${requested}": use up to 40 lowercase letters, digits or dashes.`);
    }
    if (requested !== undefined && this.files.has(requested)) return google(409, `File files/${requested} already exists.`);
    const displayName = field(file, 'displayName', 'display_name');
    const mimeType = field(file, 'mimeType', 'mime_type') ?? h['x-goog-upload-header-content-type'] ?? 'application/octet-stream';
    const session: UploadSession = {
      fileId: requested ?? newFileId(),
      ...(announced === undefined ? {} : { announced }),
      received: [],
      size: 0,
      ...(typeof displayName === 'string' ? { displayName } : {}),
      mimeType: String(mimeType),
      failing: h['x-fake-fault'] === 'upload-500' || (typeof displayName === 'string' && displayName.includes('[[fault:upload]]')),
      finalized: false,
    };
    const uploadId = randomBytes(24).toString('base64url');
    this.sessions.set(uploadId, session);
    const uploadUrl = `${this.ctx.baseUrl}/upload/${ex.version}/files?upload_id=${uploadId}&upload_protocol=resumable`;
    sendEmpty(ex.res, 200, {
      'x-goog-upload-url': uploadUrl,
      'x-goog-upload-control-url': uploadUrl,
      'x-goog-upload-status': 'active',
      'x-goog-upload-chunk-granularity': String(CHUNK_GRANULARITY),
    });
    return undefined;
  }

  /** POST <x-goog-upload-url> with `upload`, `upload, finalize`, `finalize`, `query` or `cancel`. */
  chunk(ex: Exchange, uploadId: string): ApiError | undefined {
    const session = this.sessions.get(uploadId);
    if (!session) return google(404, 'No upload session with this upload_id.');
    const commands = new Set((ex.record.headers['x-goog-upload-command'] ?? '').toLowerCase().split(',').map((c) => c.trim()));
    const progress = { 'x-goog-upload-size-received': String(session.size) };
    if (commands.has('query')) {
      sendEmpty(ex.res, 200, { ...progress, 'x-goog-upload-status': session.finalized ? 'final' : 'active' });
      return undefined;
    }
    if (commands.has('cancel')) {
      this.sessions.delete(uploadId);
      sendEmpty(ex.res, 200, { 'x-goog-upload-status': 'cancelled' });
      return undefined;
    }
    if (!commands.has('upload') && !commands.has('finalize')) {
      return google(400, 'X-Goog-Upload-Command must be upload, finalize, "upload, finalize", query or cancel.');
    }
    if (session.finalized) return google(400, 'This upload was already finalized.');
    if (session.failing || this.ctx.takeUploadFailure()) return google(500, MESSAGES.internal);
    const finalize = commands.has('finalize');
    const offset = Number(ex.record.headers['x-goog-upload-offset'] ?? (commands.has('upload') ? NaN : session.size));
    const active = { ...progress, 'x-goog-upload-status': 'active' };
    if (offset !== session.size) {
      return { ...google(400, `Invalid X-Goog-Upload-Offset ${String(offset)}: ${session.size} bytes were received so far.`), headers: active };
    }
    if (!finalize && ex.raw.length % CHUNK_GRANULARITY !== 0) {
      return { ...google(400, `A chunk that does not finalize must be a multiple of ${CHUNK_GRANULARITY} bytes.`), headers: active };
    }
    const size = session.size + ex.raw.length;
    if (session.announced !== undefined && size > session.announced) {
      return { ...google(400, `Received ${size} bytes, more than the announced ${session.announced}.`), headers: active };
    }
    session.received.push(ex.raw);
    session.size = size;
    if (!finalize) {
      sendEmpty(ex.res, 200, { 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': String(size) });
      return undefined;
    }
    if (session.announced !== undefined && size !== session.announced) {
      return { ...google(400, `Upload finalized with ${size} bytes, but ${session.announced} were announced.`), headers: active };
    }
    session.finalized = true;
    const file = this.create(session);
    sendJson(ex.res, 200, { file }, { 'x-goog-upload-status': 'final' });
    return undefined;
  }

  private create(session: UploadSession): FileResource {
    const now = Date.now();
    const bytes = Buffer.concat(session.received);
    session.received = [];
    const id = session.fileId;
    const video = this.videoPolls > 0 && session.mimeType.startsWith('video/');
    const processing = this.nextProcessing ?? (video ? { polls: this.videoPolls, outcome: 'ACTIVE' as const } : undefined);
    const file: FileResource = {
      name: `files/${id}`,
      ...(session.displayName === undefined ? {} : { displayName: session.displayName }),
      mimeType: session.mimeType,
      sizeBytes: String(bytes.length),
      createTime: fileTime(now),
      updateTime: fileTime(now),
      expirationTime: fileTime(now + LIFETIME_MS),
      // The service puts the hex digest in a bytes field, so JSON shows it base64-encoded.
      sha256Hash: Buffer.from(createHash('sha256').update(bytes).digest('hex')).toString('base64'),
      uri: `${this.ctx.baseUrl}/v1beta/files/${id}`,
      downloadUri: `${this.ctx.baseUrl}/v1beta/files/${id}:download?alt=media`,
      state: processing ? 'PROCESSING' : 'ACTIVE',
      source: 'UPLOADED',
    };
    const measure = measureMedia(session.mimeType, bytes);
    this.known.set(id, { mimeType: session.mimeType, size: bytes.length, ...(measure ? { measure } : {}) });
    if (processing) this.processing.set(id, processing);
    this.nextProcessing = undefined;
    this.files.set(id, file);
    return file;
  }

  /**
   * An interaction input naming one of this fake's files by uri that is gone (deleted, or never uploaded here)
   * is refused the way the live service refuses it: 403. Uris on other hosts are left alone.
   */
  missingFileIn(input: unknown): ApiError | undefined {
    const parts = (Array.isArray(input) ? input : [input]).flatMap((item: unknown) => {
      const content = (item as { content?: unknown } | null)?.content;
      return Array.isArray(content) ? content : [item];
    });
    for (const part of parts) {
      const uri = (part as { uri?: unknown } | null)?.uri;
      const id = typeof uri === 'string' ? this.idOf(uri) : undefined;
      if (id !== undefined && !this.files.has(id)) return denied(id);
      const state = id === undefined ? undefined : this.files.get(id)?.state;
      if (state !== undefined && state !== 'ACTIVE') {
        return google(400, `The File ${id} is not in an ACTIVE state and usage is not allowed.`);
      }
    }
    return undefined;
  }

  /** One of this fake's files named by its uri, as far as billing needs it; undefined for any other uri. */
  knownFile(uri: string): KnownFile | undefined {
    const id = this.idOf(uri);
    return id === undefined || !this.files.has(id) ? undefined : this.known.get(id);
  }

  private idOf(uri: string): string | undefined {
    const prefix = new RegExp(`^${this.ctx.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:v1beta|v1)/files/([^/?#:]+)$`);
    return prefix.exec(uri)?.[1];
  }

  get(ex: Exchange, id: string): ApiError | undefined {
    const file = this.files.get(id);
    if (!file) return denied(id);
    const processing = this.processing.get(id);
    if (processing && --processing.polls <= 0) {
      this.processing.delete(id);
      file.state = processing.outcome;
      if (processing.outcome === 'FAILED') Object.assign(file, { error: { code: 3, message: 'The file could not be processed.' } });
    }
    sendJson(ex.res, 200, file);
    return undefined;
  }

  delete(ex: Exchange, id: string): ApiError | undefined {
    if (!this.files.delete(id)) return denied(id);
    this.known.delete(id);
    sendJson(ex.res, 200, {});
    return undefined;
  }

  list(ex: Exchange): ApiError | undefined {
    const size = Number(ex.url.searchParams.get('pageSize') ?? DEFAULT_FILES_PAGE);
    const pageSize = Number.isInteger(size) && size > 0 ? Math.min(size, MAX_FILES_PAGE) : DEFAULT_FILES_PAGE;
    const token = ex.url.searchParams.get('pageToken');
    const offset = token ? Number(Buffer.from(token, 'base64url').toString().replace(/^files-offset:/, '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return google(400, 'Invalid page token.');
    const all = [...this.files.values()];
    const files = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? { nextPageToken: Buffer.from(`files-offset:${offset + pageSize}`).toString('base64url') } : {};
    // Proto JSON leaves out empty repeated fields: no files → `{}`.
    sendJson(ex.res, 200, { ...(files.length > 0 ? { files } : {}), ...next });
    return undefined;
  }
}
