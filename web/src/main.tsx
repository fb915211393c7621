import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>Parley</h1>
      <p lang="de">Die Agenten-Oberfläche folgt. Die API ist unter <a href="/api/docs">/api/docs</a> beschrieben.</p>
      <p lang="en">The agent app is coming. The API is described at <a href="/api/docs">/api/docs</a>.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
