// Renderer entry: global styles, then the App component into #app.
import { mount } from 'svelte';
import App from './App.svelte';
import { loadMarkdown } from './lib/markdown/load';
import './styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = mount(App, { target });

// The markdown chunk is fetched once the first frame is up, so the prompt box does not wait for it.
requestAnimationFrame(() => setTimeout(() => void loadMarkdown()));

export default app;
