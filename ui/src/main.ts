import { mount } from 'svelte';
import './lib/styles/tokens.css';
import './lib/styles/base.css';
import App from './App.svelte';
import { applyTheme } from './lib/theme';

// The system's light or dark until the saved preference arrives (App reads it on start).
applyTheme('system');

const app = mount(App, { target: document.getElementById('app')! });

export default app;
