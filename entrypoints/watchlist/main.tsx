import { createRoot } from 'react-dom/client';
import { WatchlistPage } from './WatchlistPage';

createRoot(document.getElementById('root')!).render(<WatchlistPage />);
