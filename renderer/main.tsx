import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createConsoleStore, startStore } from './app/store';
import { StoreProvider } from './app/StoreContext';
import { connectPlatform } from './platform';
import './styles/app.css';

const { api, link } = connectPlatform();
const store = createConsoleStore(api);
store.getState().connectionChanged(link.current());
link.onChange((state) => store.getState().connectionChanged(state));
startStore(store, api);

function render(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store} api={api}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}

// The alert benchmark's recorder is test-only: its own chunk, loaded (before the
// first frame, so no alert is missed) only when the page is opened with ?bench=1.
if (new URLSearchParams(window.location.search).has('bench')) void import('./bench/alertSeen').then(render, render);
else render();
