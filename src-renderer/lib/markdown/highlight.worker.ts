// The highlighter's thread: one block in, its tokens out (highlight-tokens.ts holds the work, tested in Node).
import { answerRequest, type HighlightRequest } from './highlight-tokens';

self.onmessage = (event: MessageEvent<HighlightRequest>) => self.postMessage(answerRequest(event.data));
