// Every export variant in Rest is written to disk and run against the fake Interactions API.
import { describeRuns } from './testing/run-suite';

describeRuns('rest');
