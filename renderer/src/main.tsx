/**
 * Renderer entry. CSS is imported here only: esbuild does not emit CSS imported from lazy chunks
 * into app.css, so React Flow's stylesheet must come from the entry even though its JS is lazy.
 */
import '@xyflow/react/dist/style.css';
import './app.css';
import './screens/topology/topology.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
