// An EmitEvent for tests and benchmarks that run GenerationService without a window: `turn` events go to a
// listener, the others are dropped.
import type { TurnEvent } from '../../src-shared/domain';
import type { EmitEvent } from '../../src-main/core/ports';

export function turnEventsTo(listener: (event: TurnEvent) => void): EmitEvent {
  return (event, payload) => {
    if (event === 'turn') listener(payload as TurnEvent);
  };
}
