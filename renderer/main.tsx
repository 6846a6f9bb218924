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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store} api={api}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
