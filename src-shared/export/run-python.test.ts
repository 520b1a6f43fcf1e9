// Every export variant in Python is written to disk and run against the fake Interactions API.
import { describeRuns } from './testing/run-suite';

describeRuns('python');
