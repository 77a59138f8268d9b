/** The playground page: the simulation controls and the terminal. */
import { useEffect } from 'react';
import { getEngine } from './engine-client';
import { useCluster } from './state/cluster-store';
import { ControlsBar } from './panels/controls/ControlsBar';
import { TerminalPanel } from './panels/terminal/TerminalPanel';

export function App() {
  const error = useCluster((s) => s.error);
  useEffect(() => {
    getEngine();
  }, []);
  return (
    <div className="app">
      <header className="topbar">
        <h1>KubePlay</h1>
        <ControlsBar />
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </header>
      <main className="panels">
        <TerminalPanel id="main" />
      </main>
    </div>
  );
}
