// Every export variant in Javascript is written to disk and run against the fake Interactions API.
import { describeRuns } from './testing/run-suite';

describeRuns('javascript');
