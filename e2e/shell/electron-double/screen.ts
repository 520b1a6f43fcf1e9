// The double's `screen`: the displays a test sets up (one Full HD display by default), the primary first, with
// Electron's rule that the module is usable only after `ready`.
import { EventEmitter } from 'node:events';
import type { World } from './world';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a test sets up: a display's bounds and its work area (the bounds minus task bars and docks). */
export interface DisplaySetup {
  bounds: Rectangle;
  workArea: Rectangle;
}

export const DEFAULT_DISPLAYS: DisplaySetup[] = [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];

export function createScreen(world: World) {
  const displays = (world.options.displays ?? DEFAULT_DISPLAYS).map((setup, index) => ({
    id: index + 1,
    label: `Display ${index + 1}`,
    bounds: { ...setup.bounds },
    workArea: { ...setup.workArea },
    size: { width: setup.bounds.width, height: setup.bounds.height },
    workAreaSize: { width: setup.workArea.width, height: setup.workArea.height },
    scaleFactor: 1,
    rotation: 0,
    internal: index === 0,
    detected: true,
  }));
  // https://www.electronjs.org/docs/latest/api/screen: "This module cannot be used until the ready event of the
  // app module is emitted."
  const use = (api: string) => {
    world.record(`screen.${api}`, []);
    world.rules.afterReady(world.app.isReady(), `screen.${api}`);
  };
  const copy = <T>(value: T): T => structuredClone(value);
  return Object.assign(new EventEmitter(), {
    getPrimaryDisplay() {
      use('getPrimaryDisplay');
      return copy(displays[0]!);
    },
    getAllDisplays() {
      use('getAllDisplays');
      return copy(displays);
    },
  });
}
