// A turn's last event: the error a failed turn ends in, and the one the window gets when it cannot take the last event
// itself (too large, or holding a value Electron cannot copy). The pane waits for a last event: without one it would
// show the turn streaming until the person stopped it.
import type { AppError, TerminalTurnEvent } from '../../src-shared/domain';
import { isAppFailure } from './failure';
import type { Logger } from './ports';
import { redactSecrets } from './redact';

export const UNDELIVERED_ERROR: AppError = {
  code: 'INTERNAL',
  message:
    'This answer could not be passed to the window (it may be too large, or hold something the window cannot take), so it ends here. The text that streamed is kept; press Retry to ask again.',
  retryable: true,
};

export function toAppError(error: unknown): AppError {
  if (isAppFailure(error)) return error.toAppError();
  return { code: 'INTERNAL', message: 'Something went wrong while streaming the answer.', retryable: true };
}

/**
 * Sends `event`, or in its place an error that carries none of the answer (no steps, no interaction). Never throws;
 * answers the event the turn ended with, whether or not the window could take even the short one.
 */
export function sendLastEvent(
  send: (event: TerminalTurnEvent) => void,
  event: TerminalTurnEvent,
  context: { partial: boolean; logger: Logger; secrets: readonly string[] },
): TerminalTurnEvent {
  const { requestId, paneId, metrics, truncatedAt } = event;
  const logged = (error: unknown) => ({ requestId, error: redactSecrets(String(error), context.secrets).slice(0, 300) });
  try {
    send(event);
    return event;
  } catch (error) {
    context.logger.error('turn: its last event could not be sent; a short error is sent in its place', logged(error));
  }
  const short: TerminalTurnEvent = {
    type: 'error',
    requestId,
    paneId,
    error: { ...UNDELIVERED_ERROR },
    partial: context.partial,
    steps: [],
    metrics,
    ...(truncatedAt ? { truncatedAt } : {}),
  };
  try {
    send(short);
  } catch (error) {
    context.logger.error('turn: not even the short error in place of its last event could be sent', logged(error));
  }
  return short;
}
