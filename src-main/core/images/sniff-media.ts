// What a file beyond images really is (PDF, audio, video, text), decided by its bytes, and whether it is complete
// enough to send: each container is walked by its declared sizes (WAV chunks, MP3/ADTS frames, Ogg pages, FLAC
// metadata blocks, ISO-BMFF boxes, the EBML header and Segment size) so a cut file is noticed cheaply. Nothing is
// decoded. Images are still sniffImage's; whether a file is accepted, and the words for a refusal, are check-media's.
// Pure: no I/O, no node:* imports.
import { isTextFormat, mediaFormatOfExtension, type AcceptedMediaType } from '../../../src-shared/media';
import { Reader, hasTopBox, sniffImage, type SniffResult } from './sniff';

export type MediaSniff =
  | { kind: 'media'; mimeType: AcceptedMediaType }
  | { kind: 'damaged'; format: string }
  | { kind: 'unsupported'; format: string }
  | { kind: 'unknown' };

const ok = (mimeType: AcceptedMediaType): MediaSniff => ({ kind: 'media', mimeType });
const damaged = (format: string): MediaSniff => ({ kind: 'damaged', format });
const unsupported = (format: string): MediaSniff => ({ kind: 'unsupported', format });

export function sniffMedia(bytes: Uint8Array, name = ''): MediaSniff {
  const r = new Reader(bytes);
  if (r.ascii(0, 5) === '%PDF-') return pdf(r);
  if (r.ascii(0, 4) === 'RIFF' && r.ascii(8, 4) === 'WAVE') return wav(r);
  if (r.ascii(0, 3) === 'ID3') return id3(r);
  if (r.ascii(0, 4) === 'OggS') return ogg(r);
  if (r.ascii(0, 4) === 'fLaC') return flac(r);
  if (r.startsWith([0x1a, 0x45, 0xdf, 0xa3])) return ebml(r);
  if (r.u8(0) === 0xff && (r.u8(1) & 0xe0) === 0xe0) {
    const audio = frameSync(r, 0);
    if (audio) return audio;
  }
  const image = fromImage(sniffImage(bytes));
  if (image.kind !== 'unknown' && !(image.kind === 'unsupported' && r.ascii(4, 4) === 'ftyp')) return image;
  if (r.ascii(4, 4) === 'ftyp') return isoMedia(r) ?? image;
  // Text has no magic number: valid UTF-8 without NULs is taken only when the name says which text it is.
  const named = mediaFormatOfExtension(extensionOf(name));
  if (named && isTextFormat(named) && isText(bytes)) return ok(named.mimeType);
  return image;
}

function fromImage(sniffed: SniffResult): MediaSniff {
  return sniffed.kind === 'image' ? ok(sniffed.mimeType) : sniffed;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Valid UTF-8 (a BOM allowed) with no NUL: what a text part can carry as it is. */
export function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding text that is not UTF-8 looks like, for "save it as UTF-8": UTF-16 (a byte-order mark, or NULs in
 * every other byte), or a single-byte one such as Windows-1252 (no NULs, few control characters). Undefined for
 * UTF-8, and for bytes that do not look like text at all.
 */
export function otherTextEncoding(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'UTF-16';
  const head = bytes.subarray(0, 4096);
  const nulsAt = (parity: number) => head.filter((b, i) => b === 0 && i % 2 === parity).length;
  const half = Math.floor(head.length / 2);
  if (half >= 2 && Math.max(nulsAt(0), nulsAt(1)) >= half * 0.6 && Math.min(nulsAt(0), nulsAt(1)) === 0) return 'UTF-16';
  if (head.includes(0) || isText(bytes)) return undefined;
  const controls = head.filter((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c).length;
  return controls <= head.length / 100 ? 'Windows-1252 or another 8-bit encoding' : undefined;
}

/** PDF: the header, and `%%EOF` in the last kilobyte (readers look for it there; a cut file has none). */
function pdf(r: Reader): MediaSniff {
  const tail = r.ascii(Math.max(0, r.length - 1024), Math.min(1024, r.length));
  return tail.includes('%%EOF') ? ok('application/pdf') : damaged('PDF');
}

/** WAV: RIFF chunks that fit, a `fmt ` chunk and a `data` chunk whose declared size the file holds. */
function wav(r: Reader): MediaSniff {
  let pos = 12;
  let fmt = false;
  while (r.has(pos, 8)) {
    const id = r.ascii(pos, 4);
    const size = r.u32(pos + 4, true);
    if (id === 'fmt ') fmt = r.has(pos + 8, Math.min(size, 16)) && size >= 16;
    if (id === 'data') return fmt && r.has(pos + 8, size) ? ok('audio/wav') : damaged('WAV');
    pos += 8 + size + (size % 2);
  }
  return damaged('WAV');
}

/**
 * ID3v2: a tag that fits (its size is syncsafe, plus a footer when flagged), then MPEG audio or ADTS frames, or a
 * FLAC stream (taggers put ID3 in front of FLAC too, and players skip it).
 */
function id3(r: Reader): MediaSniff {
  if (!r.has(0, 10)) return damaged('MP3');
  const size = ((r.u8(6) & 0x7f) << 21) | ((r.u8(7) & 0x7f) << 14) | ((r.u8(8) & 0x7f) << 7) | (r.u8(9) & 0x7f);
  const end = 10 + size + (r.u8(5) & 0x10 ? 10 : 0);
  if (!r.has(0, end)) return damaged('MP3');
  if (r.ascii(end, 4) === 'fLaC') return flac(r, end);
  return frameSync(r, end) ?? damaged('MP3');
}

const MPEG1_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MPEG_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>;
const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** How long the frame at `pos` is, and which format: MPEG layer III (MP3) or ADTS (AAC); undefined if none starts there. */
function frameAt(r: Reader, pos: number): { format: 'MP3' | 'AAC'; length: number } | undefined {
  if (!r.has(pos, 7) || r.u8(pos) !== 0xff || (r.u8(pos + 1) & 0xe0) !== 0xe0) return undefined;
  const b1 = r.u8(pos + 1);
  const b2 = r.u8(pos + 2);
  const layer = (b1 >> 1) & 3;
  if (layer === 0 && (b1 & 0xf0) === 0xf0) {
    const rate = ADTS_RATES[(b2 >> 2) & 0xf];
    const length = ((r.u8(pos + 3) & 3) << 11) | (r.u8(pos + 4) << 3) | (r.u8(pos + 5) >> 5);
    return rate && length >= 7 ? { format: 'AAC', length } : undefined;
  }
  if (layer !== 1) return undefined; // only layer III is MP3
  const version = (b1 >> 3) & 3;
  const kbps = (version === 3 ? MPEG1_KBPS : MPEG2_KBPS)[b2 >> 4];
  const rate = MPEG_RATES[version]?.[(b2 >> 2) & 3];
  if (!kbps || !rate) return undefined;
  const length = Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + ((b2 >> 1) & 1);
  return { format: 'MP3', length };
}

/**
 * MP3 or AAC (ADTS) frames from `start`, each by its declared length: a frame running past the end is a cut file.
 * What follows the last whole frame (an ID3v1 or APE tag, padding) is left alone, as players do; without a tag
 * before it, two frames in a row are needed, since 0xFFE… could begin anything.
 */
function frameSync(r: Reader, start: number): MediaSniff | undefined {
  const first = frameAt(r, start);
  if (!first) return undefined;
  const format = first.format;
  let pos = start;
  let frames = 0;
  for (let frame: ReturnType<typeof frameAt> = first; frame?.format === format; frame = frameAt(r, pos)) {
    if (!r.has(pos, frame.length)) return damaged(format);
    pos += frame.length;
    frames++;
  }
  if (frames < 2 && start === 0 && pos !== r.length) return undefined;
  return ok(format === 'MP3' ? 'audio/mp3' : 'audio/aac');
}

/** Ogg: pages that fit, one after another; the first page's packet says the codec (Theora is video). */
function ogg(r: Reader): MediaSniff {
  let pos = 0;
  while (pos < r.length) {
    if (r.ascii(pos, 4) !== 'OggS' || !r.has(pos, 27)) return damaged('Ogg');
    const segments = r.u8(pos + 26);
    if (!r.has(pos + 27, segments)) return damaged('Ogg');
    let body = 0;
    for (let i = 0; i < segments; i++) body += r.u8(pos + 27 + i);
    if (!r.has(pos + 27 + segments, body)) return damaged('Ogg');
    if (pos === 0 && r.ascii(27 + segments + 1, 6) === 'theora') return unsupported('an Ogg video (Theora)');
    pos += 27 + segments + body;
  }
  return ok('audio/ogg');
}

/** FLAC from `start`: STREAMINFO first, metadata blocks that fit up to the one marked last, then a frame sync code. */
function flac(r: Reader, start = 0): MediaSniff {
  let pos = start + 4;
  if (!r.has(pos, 4) || (r.u8(pos) & 0x7f) !== 0 || r.u32(pos, false) % 2 ** 24 !== 34) return damaged('FLAC');
  for (;;) {
    if (!r.has(pos, 4)) return damaged('FLAC');
    const header = r.u8(pos);
    const size = r.u32(pos, false) % 2 ** 24;
    if (!r.has(pos + 4, size)) return damaged('FLAC');
    pos += 4 + size;
    if (header & 0x80) break;
  }
  return r.u8(pos) === 0xff && (r.u8(pos + 1) & 0xfe) === 0xf8 ? ok('audio/flac') : damaged('FLAC');
}

const QUICKTIME_BRANDS = new Set(['qt  ']);
const MP4_BRANDS = /^(isom|iso\d|mp4\d|mp41|mp42|avc1|M4V |M4VH|M4VP|dash|msnv|f4v |3gp\d|3g2\w)$/;
const M4A_BRANDS = new Set(['M4A ', 'M4B ']);

/**
 * ISO base media (MP4, MOV, M4A) once sniffImage has said it is no HEIC/HEIF: the brands say which container. An
 * M4A major brand is audio; otherwise the brands only say what a file may hold (phone recorders write audio under
 * mp42 or isom), so the movie's tracks decide: one with no video track is audio; unreadable ones leave it video.
 */
function isoMedia(r: Reader): MediaSniff | undefined {
  const ftypSize = r.u32(0, false);
  if (ftypSize < 16 || !r.has(0, ftypSize)) return undefined;
  const major = r.ascii(8, 4);
  const brands = [major];
  for (let p = 16; p + 4 <= ftypSize; p += 4) brands.push(r.ascii(p, 4));
  if (QUICKTIME_BRANDS.has(major)) return hasTopBox(r, 'moov') ? ok('video/mov') : damaged('MOV');
  if (!brands.some((b) => MP4_BRANDS.test(b) || M4A_BRANDS.has(b))) return undefined;
  const audioBrand = M4A_BRANDS.has(major) || !brands.some((b) => MP4_BRANDS.test(b));
  if (!hasTopBox(r, 'moov')) return damaged(audioBrand ? 'M4A' : 'MP4');
  const handlers = trackHandlers(r);
  const audio = audioBrand || (handlers !== undefined && !handlers.includes('vide'));
  return ok(audio ? 'audio/m4a' : 'video/mp4');
}

/** The boxes from `start` to `end`, each by its declared size; undefined when one runs past `end`. */
function boxesIn(r: Reader, start: number, end: number): { type: string; body: number; end: number }[] | undefined {
  const boxes = [];
  for (let pos = start; pos < end; ) {
    if (pos + 8 > end) return undefined;
    let size = r.u32(pos, false);
    let header = 8;
    if (size === 1) {
      size = r.u32(pos + 8, false) * 2 ** 32 + r.u32(pos + 12, false);
      header = 16;
    } else if (size === 0) size = end - pos;
    if (size < header || pos + size > end) return undefined;
    boxes.push({ type: r.ascii(pos + 4, 4), body: pos + header, end: pos + size });
    pos += size;
  }
  return boxes;
}

/**
 * Each track's handler ('vide', 'soun'…), by moov → trak → mdia → hdlr: four levels walked, no sample read.
 * Undefined when the movie's boxes or a track's handler cannot be read, so the brands decide.
 */
function trackHandlers(r: Reader): string[] | undefined {
  const child = (box: { body: number; end: number } | undefined, type: string) => box && boxesIn(r, box.body, box.end)?.filter((b) => b.type === type);
  const moov = boxesIn(r, 0, r.length)?.find((b) => b.type === 'moov');
  const handlers = child(moov, 'trak')?.map((trak) => {
    const hdlr = child(child(trak, 'mdia')?.[0], 'hdlr')?.[0];
    // hdlr: version and flags, pre_defined, then the handler type.
    return hdlr && hdlr.end - hdlr.body >= 12 ? r.ascii(hdlr.body + 8, 4) : undefined;
  });
  return handlers?.every((h) => h !== undefined) ? (handlers as string[]) : undefined;
}

/** An EBML variable-size integer at `pos`: its value (all ones = unknown size) and its length in bytes. */
function vint(r: Reader, pos: number): { value: number; length: number; unknown: boolean } | undefined {
  const first = r.u8(pos);
  if (first === 0 || !r.has(pos, 1)) return undefined;
  const length = Math.clz32(first) - 23;
  if (!r.has(pos, length)) return undefined;
  let value = first & (0xff >> length);
  let ones = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + r.u8(pos + i);
    ones &&= r.u8(pos + i) === 0xff;
  }
  return { value, length, unknown: ones };
}

/** One EBML element at `pos`: its id (with the length marker, as specs write them), where its data starts and ends. */
function element(r: Reader, pos: number): { id: number; data: number; end: number; unknown: boolean } | undefined {
  const idLength = Math.clz32(r.u8(pos)) - 23; // an element id is sized like a vint
  if (idLength < 1 || idLength > 4 || !r.has(pos, idLength)) return undefined;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + r.u8(pos + i);
  const size = vint(r, pos + idLength);
  if (!size) return undefined;
  const data = pos + idLength + size.length;
  return { id, data, end: data + size.value, unknown: size.unknown };
}

const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CLUSTER = 0x1f43b675;
const VIDEO_TRACK = 1;
const AUDIO_TRACK = 2;
/** Elements the track walk reads at most: writers put Tracks within a few; a file of padding is not walked whole. */
const MAX_ELEMENTS = 256;

/** An unsigned integer element's value (1–8 bytes, big-endian); undefined for another length. */
function uint(r: Reader, at: { data: number; end: number }): number | undefined {
  const length = at.end - at.data;
  if (length < 1 || length > 8) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + r.u8(at.data + i);
  return value;
}

/**
 * Each track's type (1 video, 2 audio, 17 subtitles…), from the Segment's Tracks, which writers put before the
 * first Cluster: the walk stops there, at a child of unknown size, and after MAX_ELEMENTS. Undefined unless every
 * track's type was read, so a file whose tracks are not all known stays a video as before.
 */
function trackTypes(r: Reader, segment: { data: number; end: number; unknown: boolean }): number[] | undefined {
  let budget = MAX_ELEMENTS;
  const next = (pos: number, end: number) => (--budget >= 0 && pos < end ? element(r, pos) : undefined);
  const end = segment.unknown ? r.length : Math.min(segment.end, r.length);
  for (let child = next(segment.data, end); child; child = next(child.end, end)) {
    if (child.unknown || child.id === CLUSTER) return undefined;
    if (child.id !== TRACKS) continue;
    // Cut inside Tracks: a video track may be in the part that is missing.
    if (child.end > r.length) return undefined;
    const types: number[] = [];
    for (let entry = next(child.data, child.end); entry; entry = next(entry.end, child.end)) {
      if (entry.unknown || entry.end > child.end) return undefined;
      if (entry.id !== TRACK_ENTRY) continue;
      let type: number | undefined;
      for (let field = next(entry.data, entry.end); field; field = next(field.end, entry.end)) {
        if (field.end > entry.end) return undefined;
        if (field.id === TRACK_TYPE) type = uint(r, field);
      }
      if (type === undefined) return undefined;
      types.push(type);
    }
    return budget >= 0 && types.length > 0 ? types : undefined;
  }
  return undefined;
}

/**
 * EBML (WebM, Matroska): the header's DocType says which, and the Segment after it must fit unless its size is
 * left unknown (live recordings). Only WebM is taken; Matroska's other doctype is refused. A WebM with no video
 * track (a browser's voice recording) is audio, whatever its name, as an MP4 of sound alone is M4A.
 */
function ebml(r: Reader): MediaSniff {
  const header = element(r, 0);
  if (!header || header.unknown || !r.has(header.data, header.end - header.data)) return damaged('WebM');
  let docType = '';
  for (let pos = header.data; pos < header.end; ) {
    const child = element(r, pos);
    if (!child) return damaged('WebM');
    if (child.id === 0x4282) docType = r.ascii(child.data, child.end - child.data);
    pos = child.end;
  }
  if (docType === 'matroska') return unsupported('a Matroska (MKV) video');
  if (docType !== 'webm') return unsupported(docType ? `an EBML file of type ${docType}` : 'an EBML file');
  const segment = r.u32(header.end, false) === SEGMENT ? element(r, header.end) : undefined;
  if (!segment) return damaged('WebM');
  const types = trackTypes(r, segment);
  const audio = types !== undefined && types.includes(AUDIO_TRACK) && !types.includes(VIDEO_TRACK);
  const complete = segment.unknown || r.has(segment.data, segment.end - segment.data);
  if (!complete) return damaged(audio ? 'WebM audio' : 'WebM');
  return ok(audio ? 'audio/webm' : 'video/webm');
}
