import { createRoot } from 'react-dom/client';

function Popup() {
  return <p>Your watchlist will appear here.</p>;
}

createRoot(document.getElementById('root')!).render(<Popup />);
