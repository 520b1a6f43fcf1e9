// What a tile (ImageThumb) hands the preview of a clip, audio or video; the preview tells the tile the clip's
// caption back (clipDetail in src-shared/media-labels.ts).
export interface ClipThumbProps {
  src: string;
  name: string;
  testid: string;
  onDetail: (detail: string | undefined) => void;
}
