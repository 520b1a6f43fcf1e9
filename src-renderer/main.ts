// Renderer entry: global styles, then the App component into #app.
import { mount } from 'svelte';
import App from './App.svelte';
import { loadMarkdown } from './lib/markdown/load';
import { afterFirstPaint, markFirstFramePainted } from './lib/state/first-frame.svelte';
import { themeOfPage } from './lib/theme';
import './styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Before the first frame: the page starts in the theme chosen last time, not in light until main answers.
themeOfPage();
const app = mount(App, { target });

// Once the first frame is up: the panes' settings forms, and the markdown chunk is fetched; the prompt box waits
// for neither.
afterFirstPaint(() => {
  markFirstFramePainted();
  void loadMarkdown();
});

export default app;
